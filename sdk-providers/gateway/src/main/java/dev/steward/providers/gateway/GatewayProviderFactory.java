package dev.steward.providers.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link GatewayProvider}s for {@code steward.provider.<name>.type=gateway}. The keys are listed in the
 * module README; {@code base-url} and {@code model} are required.
 */
public final class GatewayProviderFactory implements InferenceProviderFactory {

    /** The type name configuration selects. */
    public static final String TYPE = "gateway";

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> KEYS = Set.of(
            "base-url",
            "chat-path",
            "model",
            "api-key",
            "auth-header",
            "connect-timeout",
            "temperature",
            "preset",
            "user",
            "user-hash-salt",
            "header.principal",
            "header.tenant",
            "header.capability",
            "header.correlation-id",
            "headers");

    private final Clock clock;

    /** Creates a factory on the system clock; {@link java.util.ServiceLoader} uses this constructor. */
    public GatewayProviderFactory() {
        this(Clock.systemUTC());
    }

    /**
     * Creates a factory whose providers measure {@code Retry-After} dates against a clock.
     *
     * @param clock the clock
     */
    public GatewayProviderFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    /**
     * Creates a gateway provider.
     *
     * @param settings the provider's configuration
     * @return the provider
     * @throws ConfigurationException naming the key, if {@code base-url} or {@code model} is missing, a URL,
     *     duration or number is invalid, {@code user=hash} has no {@code user-hash-salt}, or {@code headers} is not
     *     a list of {@code Name: value} pairs
     */
    @Override
    public InferenceProvider create(ProviderSettings settings) {
        URI base = settings.httpUrl("base-url");
        String chatPath = settings.get("chat-path").orElse("/chat/completions");
        URI endpoint;
        try {
            endpoint = URI.create(base + (chatPath.startsWith("/") ? chatPath : "/" + chatPath));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    settings.fullKey("chat-path"), "does not make a valid URL: " + chatPath, e);
        }
        String model = settings.require("model");
        Duration connectTimeout =
                settings.duration("connect-timeout", DEFAULT_CONNECT_TIMEOUT).orElse(null);
        // the core timeout bounds the whole try; using it as the read timeout lets the provider fail first, cleanly
        Duration readTimeout = settings.timeout().orElse(null);
        Double temperature = settings.decimal("temperature", 0, 2).orElse(null);

        Map<String, String> headers = new LinkedHashMap<>(parseHeaders(settings));
        settings.get("api-key").ifPresent(key -> {
            String header = settings.get("auth-header").orElse("Authorization");
            headers.put(header, header.equalsIgnoreCase("Authorization") ? "Bearer " + key : key);
        });

        GatewayPreset preset = GatewayPreset.valueOf(
                settings.choice("preset", "none", "none", "portkey", "litellm").toUpperCase(Locale.ROOT));
        IdentityPropagation.UserMode userMode =
                IdentityPropagation.UserMode.valueOf(settings.choice("user", "principal", "principal", "hash", "none")
                        .toUpperCase(Locale.ROOT));
        String salt = settings.get("user-hash-salt").orElse(null);
        if (userMode == IdentityPropagation.UserMode.HASH && salt == null) {
            throw new ConfigurationException(
                    settings.fullKey("user-hash-salt"),
                    "is required when " + settings.fullKey("user") + "=hash: a secret salt stops anyone from "
                            + "recovering principals by hashing guesses");
        }
        ObjectMapper json = new ObjectMapper();
        // x-portkey-metadata travels as a header: JSON unicode escapes keep non-ASCII names intact in ASCII
        ObjectMapper headerJson = new ObjectMapper()
                .configure(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
        IdentityPropagation identity = new IdentityPropagation(
                userMode,
                salt,
                preset,
                headerName(settings, "header.principal"),
                headerName(settings, "header.tenant"),
                headerName(settings, "header.capability"),
                headerName(settings, "header.correlation-id"),
                headerJson);
        return new GatewayProvider(
                settings.name(),
                endpoint,
                model,
                temperature,
                connectTimeout,
                readTimeout,
                headers,
                identity,
                json,
                clock);
    }

    private static Map<String, String> parseHeaders(ProviderSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        String raw = settings.get("headers").orElse("");
        for (String pair : raw.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new ConfigurationException(
                        settings.fullKey("headers"),
                        "must be 'Name: value' pairs separated by ';', for example "
                                + "'x-portkey-provider: openai; x-portkey-api-key: abc', but '" + pair.trim()
                                + "' has no name before a colon");
            }
            String name = pair.substring(0, colon).trim();
            checkToken(settings, "headers", name);
            headers.put(name, pair.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String headerName(ProviderSettings settings, String key) {
        return settings.get(key).map(name -> checkToken(settings, key, name)).orElse(null);
    }

    private static String checkToken(ProviderSettings settings, String key, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!ok) {
                throw new ConfigurationException(
                        settings.fullKey(key), "'" + name + "' is not a valid HTTP header name");
            }
        }
        return name;
    }
}
