package dev.steward.guard;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.spi.PipelineInterceptor;
import dev.steward.core.spi.PipelineInterceptorFactory;
import dev.steward.guard.injection.InjectionScorer;
import dev.steward.guard.redact.CreditCardRedactor;
import dev.steward.guard.redact.CryptoWalletRedactor;
import dev.steward.guard.redact.DateOfBirthRedactor;
import dev.steward.guard.redact.DenyListRedactor;
import dev.steward.guard.redact.EmailRedactor;
import dev.steward.guard.redact.IbanRedactor;
import dev.steward.guard.redact.IpAddressRedactor;
import dev.steward.guard.redact.PatternRedactor;
import dev.steward.guard.redact.PhoneNumberRedactor;
import dev.steward.guard.redact.Redaction;
import dev.steward.guard.redact.UrlRedactor;
import dev.steward.guard.redact.UsSsnRedactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the guard's interceptors from configuration: the {@link RedactionInterceptor} with the built-in redactors
 * named in {@code steward.guard.redaction.detectors}, the deployment's patterns and deny-lists, and every
 * {@link Redactor} found with {@link ServiceLoader} (a named-entity model, for example); and the
 * {@link InjectionGuard}, unless every capability's injection action is {@code off}. Found with
 * {@link ServiceLoader}; every setting is checked here, so a bad one fails startup.
 */
public final class GuardInterceptorFactory implements PipelineInterceptorFactory {

    /** The built-in redactors by name, in the order that wins ties. */
    static final Map<String, Supplier<Redactor>> BUILT_IN = new LinkedHashMap<>();

    /**
     * The built-in redactors that run unless {@code steward.guard.redaction.detectors} names others: all but
     * {@code url}, as a web address names a resource rather than a person, and a prompt whose links became
     * placeholders loses what they point to; a deployment whose links carry personal data in their paths or queries
     * names {@code url} too.
     */
    static final List<String> DEFAULT_DETECTORS;

    private static final String PATTERN = "steward.guard.redaction.pattern.";
    private static final String DENY_LIST = "steward.guard.redaction.deny-list.";

    static {
        BUILT_IN.put("credit-card", CreditCardRedactor::new);
        BUILT_IN.put("iban", IbanRedactor::new);
        BUILT_IN.put("crypto", CryptoWalletRedactor::new);
        BUILT_IN.put("us-ssn", UsSsnRedactor::new);
        BUILT_IN.put("email", EmailRedactor::new);
        BUILT_IN.put("ip-address", IpAddressRedactor::new);
        BUILT_IN.put("date-of-birth", DateOfBirthRedactor::new);
        BUILT_IN.put("phone", () -> new PhoneNumberRedactor(PhoneNumberRedactor.DEFAULT_REGIONS));
        BUILT_IN.put("url", UrlRedactor::new);
        DEFAULT_DETECTORS =
                BUILT_IN.keySet().stream().filter(n -> !n.equals("url")).toList();
    }

    /**
     * The names of every built-in redactor, those that run by default and those a deployment turns on.
     *
     * @return the names, in the order that wins ties
     */
    public static List<String> builtInDetectors() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** Creates the factory; {@link ServiceLoader} calls it. */
    public GuardInterceptorFactory() {}

    @Override
    public List<PipelineInterceptor> create(ConfigValues config) {
        List<PipelineInterceptor> interceptors = new ArrayList<>();
        InjectionSettings injection = InjectionSettings.read(config);
        if (injection.anyOn()) {
            interceptors.add(new InjectionGuard(InjectionScorer.standard(), injection));
        }
        interceptors.add(new RedactionInterceptor(redaction(config)));
        return interceptors;
    }

    /**
     * The redactors the configuration asks for.
     *
     * @param config the configuration
     * @return the redaction
     * @throws ConfigurationException naming the key of an unknown detector, a bad region, pattern or deny-list
     */
    public static Redaction redaction(ConfigValues config) {
        List<Redactor> redactors = new ArrayList<>();
        List<String> names = config.get(ConfigKeys.GUARD_REDACTION_DETECTORS)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(DEFAULT_DETECTORS);
        for (String name : names) {
            if (name.equals("phone")) {
                redactors.add(phone(config));
                continue;
            }
            Supplier<Redactor> r = BUILT_IN.get(name);
            if (r == null) {
                throw new ConfigurationException(
                        ConfigKeys.GUARD_REDACTION_DETECTORS,
                        "unknown detector '" + name + "'; known are " + BUILT_IN.keySet());
            }
            redactors.add(r.get());
        }
        Map<String, String> patterns = new TreeMap<>();
        Map<String, String> denyLists = new TreeMap<>();
        for (String key : config.keys()) {
            if (key.startsWith(PATTERN)) {
                patterns.put(key, config.get(key).orElse(""));
            } else if (key.startsWith(DENY_LIST)) {
                denyLists.put(key, config.get(key).orElse(""));
            }
        }
        patterns.forEach((key, regex) -> {
            try {
                redactors.add(new PatternRedactor(key.substring(PATTERN.length()), Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException(key, "not a valid regular expression: " + e.getDescription(), e);
            }
        });
        denyLists.forEach((key, terms) -> {
            try {
                redactors.add(new DenyListRedactor(key.substring(DENY_LIST.length()), Arrays.asList(terms.split(","))));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key, "must list terms, comma-separated", e);
            }
        });
        ServiceLoader.load(Redactor.class, GuardInterceptorFactory.class.getClassLoader())
                .forEach(redactors::add);
        return new Redaction(redactors);
    }

    private static Redactor phone(ConfigValues config) {
        List<String> regions = config.get(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(PhoneNumberRedactor.DEFAULT_REGIONS);
        try {
            return new PhoneNumberRedactor(regions);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKeys.GUARD_REDACTION_PHONE_REGIONS, e.getMessage(), e);
        }
    }
}
