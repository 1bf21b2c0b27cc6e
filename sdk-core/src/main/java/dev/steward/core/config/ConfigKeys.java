package dev.steward.core.config;

import dev.steward.api.ConfigurationException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every {@code steward.*} key Steward knows, and the check that rejects the rest at startup.
 *
 * <p>Keys come in families whose middle part is a name: {@code steward.capability.<name>.<setting>},
 * {@code steward.provider.<name>.<setting>}, {@code steward.route.<name>.<setting>} and
 * {@code steward.price.<model>.<setting>}. Capability and model names may contain dots, so a key is split at its
 * longest known setting suffix.
 */
public final class ConfigKeys {

    /** The prefix of every key. */
    public static final String PREFIX = "steward.";

    /** Global kill switch, read on every call. */
    public static final String ENABLED = "steward.enabled";
    /** The currency money ceilings and prices are counted in. */
    public static final String CURRENCY = "steward.currency";
    /** Audit sink: {@code jsonl} or {@code memory}. */
    public static final String AUDIT_SINK = "steward.audit.sink";
    /** File the {@code jsonl} audit sink appends to. */
    public static final String AUDIT_JSONL_PATH = "steward.audit.jsonl.path";
    /** Records the {@code memory} audit sink keeps, and the {@code jsonl} sink's queue length. */
    public static final String AUDIT_CAPACITY = "steward.audit.capacity";
    /**
     * Longest a call waits for the {@code jsonl} audit sink to write its record before failing closed; positive (zero
     * and negative durations are rejected at startup).
     */
    public static final String AUDIT_WRITE_TIMEOUT = "steward.audit.write-timeout";
    /**
     * Whether the {@code jsonl} audit sink forces each batch to the storage device before its calls return
     * ({@code false}: written to the operating system only).
     */
    public static final String AUDIT_JSONL_FSYNC = "steward.audit.jsonl.fsync";
    /** Every how many records the {@code jsonl} audit sink logs a checkpoint (sequence and hash) at INFO. */
    public static final String AUDIT_CHECKPOINT_EVERY = "steward.audit.checkpoint-every";
    /**
     * What a call does when the audit sink refuses its record (its store is unreachable): {@code fail} (the default:
     * the call fails closed) or {@code spool} (the record is kept in a local spool and replayed in order later).
     */
    public static final String AUDIT_ON_OUTAGE = "steward.audit.on-outage";
    /** Directory of the audit spool of {@code steward.audit.on-outage=spool}. */
    public static final String AUDIT_SPOOL_PATH = "steward.audit.spool.path";
    /** Most records the audit spool holds; beyond, calls fail closed. */
    public static final String AUDIT_SPOOL_MAX_RECORDS = "steward.audit.spool.max-records";
    /** Classpath folder of the default prompt registry. */
    public static final String PROMPT_LOCATION = "steward.prompt.location";

    /** Where budgets are kept: {@code memory} or the type of a {@link dev.steward.api.spi.StoreFactory}. */
    public static final String BUDGET_LEDGER = "steward.budget.ledger";

    /**
     * Where rate-limit buckets are kept: {@code memory} (per JVM) or the type of a
     * {@link dev.steward.api.spi.StoreFactory} whose limiter every instance shares.
     */
    public static final String RATE_LIMIT_STORE = "steward.rate-limit.store";

    /** Where approval requests are kept: {@code memory} or the type of a {@link dev.steward.api.spi.StoreFactory}. */
    public static final String APPROVAL_STORE = "steward.approval.store";
    /** Output tokens reserved per call when a capability sets none. */
    public static final String DEFAULT_MAX_OUTPUT_TOKENS = "steward.default.max-output-tokens";

    /**
     * Built-in redaction detectors to run, comma-separated (the guard module's names; by default all but {@code url});
     * read by {@code steward-guard}.
     */
    public static final String GUARD_REDACTION_DETECTORS = "steward.guard.redaction.detectors";
    /** Regions whose national phone number formats the guard recognizes, comma-separated ISO 3166 codes. */
    public static final String GUARD_REDACTION_PHONE_REGIONS = "steward.guard.redaction.phone-regions";
    /**
     * What the injection guard does with a suspicious input when its capability sets nothing: {@code block},
     * {@code flag}, {@code require-approval} or {@code off}.
     */
    public static final String GUARD_INJECTION_ACTION = "steward.guard.injection.action";
    /** The injection score, in [0, 1], at or above which an input is suspicious, when its capability sets none. */
    public static final String GUARD_INJECTION_THRESHOLD = "steward.guard.injection.threshold";

    // families of the guard: steward.guard.redaction.pattern.<TYPE> and steward.guard.redaction.deny-list.<TYPE>
    private static final List<String> GUARD_FAMILIES =
            List.of("steward.guard.redaction.pattern.", "steward.guard.redaction.deny-list.");
    private static final Pattern GUARD_TYPE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Per-capability settings, below {@code steward.capability.<name>.}. */
    public static final Set<String> CAPABILITY_SETTINGS = Set.of(
            "enabled",
            "route",
            "prompt.version",
            "prompt.canary.version",
            "prompt.canary.percent",
            "allowed-roles",
            "allowed-tenants",
            "allow-anonymous",
            "rate-limit.permits",
            "rate-limit.period",
            "max-output-tokens",
            "ceiling.per-call",
            "ceiling.per-user",
            "ceiling.per-tenant",
            "ceiling.period",
            "tools",
            "max-tool-rounds",
            "injection.action",
            "injection.threshold",
            "capture");

    /** Per-tool settings, below {@code steward.tool.<name>.}, read by the configuration policy. */
    public static final Set<String> TOOL_SETTINGS = Set.of("allowed-roles", "allowed-tenants");

    /** Per-provider settings that Steward itself applies, below {@code steward.provider.<name>.}. */
    public static final Set<String> PROVIDER_SETTINGS = Set.of(
            "type",
            "enabled",
            "timeout",
            "retry.max-attempts",
            "retry.backoff",
            "retry.max-backoff",
            "retry.jitter",
            "circuit-breaker.failure-threshold",
            "circuit-breaker.open-duration",
            "circuit-breaker.records");

    /** Per-route settings, below {@code steward.route.<name>.}. */
    public static final Set<String> ROUTE_SETTINGS = Set.of("providers", "trusted");

    /** Per-model price settings, below {@code steward.price.<model>.}. */
    public static final Set<String> PRICE_SETTINGS = Set.of("input-per-1k", "output-per-1k");

    /** Keys owned by integrations (CDI, Spring), which validate them themselves. */
    public static final List<String> INTEGRATION_PREFIXES =
            List.of("steward.identity.", "steward.cdi.", "steward.spring.");

    /** Where captures go: {@code file} (default) or the type of a store backend that offers a capture store. */
    public static final String CAPTURE_STORE = "steward.capture.store";
    /** The JSON-lines file of the {@code file} capture store. */
    public static final String CAPTURE_PATH = "steward.capture.path";
    /** How long captures are kept before they are purged. */
    public static final String CAPTURE_RETENTION = "steward.capture.retention";

    private static final Set<String> GLOBAL = Set.of(
            CAPTURE_STORE,
            CAPTURE_PATH,
            CAPTURE_RETENTION,
            ENABLED,
            CURRENCY,
            AUDIT_SINK,
            AUDIT_JSONL_PATH,
            AUDIT_CAPACITY,
            AUDIT_WRITE_TIMEOUT,
            AUDIT_JSONL_FSYNC,
            AUDIT_CHECKPOINT_EVERY,
            AUDIT_ON_OUTAGE,
            AUDIT_SPOOL_PATH,
            AUDIT_SPOOL_MAX_RECORDS,
            PROMPT_LOCATION,
            DEFAULT_MAX_OUTPUT_TOKENS,
            BUDGET_LEDGER,
            RATE_LIMIT_STORE,
            APPROVAL_STORE,
            GUARD_REDACTION_DETECTORS,
            GUARD_REDACTION_PHONE_REGIONS,
            GUARD_INJECTION_ACTION,
            GUARD_INJECTION_THRESHOLD);

    private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ConfigKeys() {}

    /**
     * The global keys, those outside the families.
     *
     * @return the keys
     */
    public static Set<String> globalKeys() {
        return GLOBAL;
    }

    /**
     * The environment variable MicroProfile Config reads a key from when no other source sets it: every character
     * other than a letter or digit becomes {@code _}, and letters are upper case
     * ({@code steward.provider.local-llama.model-path} is {@code STEWARD_PROVIDER_LOCAL_LLAMA_MODEL_PATH}).
     *
     * @param key the key
     * @return the variable name
     */
    public static String environmentName(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                b.append(c);
            } else {
                b.append('_');
            }
        }
        return b.toString();
    }

    /**
     * A key split into family, name and setting.
     *
     * @param family {@code capability}, {@code provider}, {@code route} or {@code price}
     * @param name the middle part
     * @param setting the known setting suffix
     */
    public record FamilyKey(String family, String name, String setting) {}

    /**
     * Splits a family key at its longest known setting.
     *
     * @param key the full key
     * @param family the family
     * @param settings the family's settings
     * @return the split key, or empty if the key is not of that family or has no known setting
     */
    public static Optional<FamilyKey> split(String key, String family, Set<String> settings) {
        String head = PREFIX + family + ".";
        if (!key.startsWith(head)) {
            return Optional.empty();
        }
        String rest = key.substring(head.length());
        return settings.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .filter(s -> rest.endsWith("." + s) && rest.length() > s.length() + 1)
                .findFirst()
                .map(s -> new FamilyKey(family, rest.substring(0, rest.length() - s.length() - 1), s));
    }

    /**
     * Rejects every {@code steward.*} key that is not known. Provider keys are checked against the core settings
     * plus the keys their provider type accepts.
     *
     * @param values the configuration
     * @param providerTypeKeys for each provider name configured with a known type, the keys that type accepts
     * @throws ConfigurationException naming the first unknown key, and what would be valid
     */
    public static void validate(ConfigValues values, Map<String, Set<String>> providerTypeKeys) {
        validate(values, providerTypeKeys, Map.of());
    }

    /**
     * Fails on the first unknown key, including those of store backends.
     *
     * @param values the configuration
     * @param providerTypeKeys for each configured provider name, the extra keys its type accepts
     * @param storeKeys for each known store backend type, the keys it accepts below {@code steward.store.<type>.}
     * @throws ConfigurationException naming the first unknown key and the valid ones
     */
    public static void validate(
            ConfigValues values, Map<String, Set<String>> providerTypeKeys, Map<String, Set<String>> storeKeys) {
        for (String key : values.keys()) {
            if (!key.startsWith(PREFIX) || GLOBAL.contains(key)) {
                continue;
            }
            if (INTEGRATION_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            if (key.startsWith(PREFIX + "capability.")) {
                split(key, "capability", CAPABILITY_SETTINGS)
                        .orElseThrow(() -> unknown(key, "steward.capability.<name>.", CAPABILITY_SETTINGS));
            } else if (key.startsWith(PREFIX + "route.")) {
                FamilyKey k = split(key, "route", ROUTE_SETTINGS)
                        .orElseThrow(() -> unknown(key, "steward.route.<name>.", ROUTE_SETTINGS));
                requireSimpleName(key, k.name());
            } else if (key.startsWith(PREFIX + "tool.")) {
                split(key, "tool", TOOL_SETTINGS)
                        .orElseThrow(() -> unknown(key, "steward.tool.<name>.", TOOL_SETTINGS));
            } else if (key.startsWith(PREFIX + "price.")) {
                split(key, "price", PRICE_SETTINGS)
                        .orElseThrow(() -> unknown(key, "steward.price.<model>.", PRICE_SETTINGS));
            } else if (key.startsWith(PREFIX + "provider.")) {
                validateProviderKey(key, providerTypeKeys);
            } else if (key.startsWith(PREFIX + "store.")) {
                validateStoreKey(key, storeKeys);
            } else if (GUARD_FAMILIES.stream().anyMatch(key::startsWith)) {
                String type = key.substring(key.lastIndexOf('.') + 1);
                String head = key.substring(0, key.lastIndexOf('.') + 1);
                if (!GUARD_FAMILIES.contains(head) || !GUARD_TYPE.matcher(type).matches()) {
                    throw new ConfigurationException(
                            key,
                            "expected steward.guard.redaction.pattern.<TYPE> or"
                                    + " steward.guard.redaction.deny-list.<TYPE>, with TYPE in upper-case letters,"
                                    + " digits and '_' (it names the placeholder, as in <TYPE_1>)");
                }
            } else {
                throw new ConfigurationException(
                        key,
                        "unknown key; valid global keys are "
                                + GLOBAL.stream().sorted().toList()
                                + ", and families steward.capability.<name>.*, steward.provider.<name>.*,"
                                + " steward.route.<name>.*, steward.price.<model>.*, steward.store.<type>.*,"
                                + " steward.tool.<name>.*, steward.guard.redaction.pattern.<TYPE>,"
                                + " steward.guard.redaction.deny-list.<TYPE>");
            }
        }
    }

    private static void validateStoreKey(String key, Map<String, Set<String>> storeKeys) {
        String rest = key.substring((PREFIX + "store.").length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            throw new ConfigurationException(key, "expected steward.store.<type>.<setting>");
        }
        String type = rest.substring(0, dot);
        Set<String> settings = storeKeys.get(type);
        if (settings == null) {
            throw new ConfigurationException(
                    key,
                    "no store backend of type '" + type + "' is on the classpath; known are "
                            + new java.util.TreeSet<>(storeKeys.keySet()));
        }
        if (!settings.contains(rest.substring(dot + 1))) {
            throw unknown(key, "steward.store." + type + ".", settings);
        }
    }

    private static void validateProviderKey(String key, Map<String, Set<String>> providerTypeKeys) {
        String rest = key.substring((PREFIX + "provider.").length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            throw new ConfigurationException(key, "expected steward.provider.<name>.<setting>");
        }
        String name = rest.substring(0, dot);
        String setting = rest.substring(dot + 1);
        requireSimpleName(key, name);
        if (PROVIDER_SETTINGS.contains(setting)) {
            return;
        }
        Set<String> typeKeys = providerTypeKeys.getOrDefault(name, Set.of());
        if (!typeKeys.contains(setting)) {
            throw new ConfigurationException(
                    key,
                    "unknown provider setting '" + setting + "'; valid are "
                            + new java.util.TreeSet<>(union(PROVIDER_SETTINGS, typeKeys)));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static void requireSimpleName(String key, String name) {
        if (!SIMPLE_NAME.matcher(name).matches()) {
            throw new ConfigurationException(
                    key, "name '" + name + "' must be lower-case letters, digits, '-' or '_', without dots");
        }
    }

    private static ConfigurationException unknown(String key, String head, Set<String> settings) {
        return new ConfigurationException(
                key,
                "unknown setting; valid keys are " + head + "{" + String.join(",", new java.util.TreeSet<>(settings))
                        + "}");
    }
}
