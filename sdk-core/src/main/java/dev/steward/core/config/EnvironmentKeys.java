package dev.steward.core.config;

import dev.steward.api.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The check that every {@code STEWARD_*} environment variable sets a key Steward reads, the counterpart of
 * {@link ConfigKeys#validate} for variables. A variable name cannot be mapped back to one key ({@code _} stands for
 * {@code .} and {@code -} alike, and names may contain either), so the check goes the other way: it spells every key
 * Steward reads as a variable ({@link ConfigKeys#environmentName}) and accepts a variable that matches one.
 *
 * <p>The keys Steward reads are the global keys; each setting of each declared capability; the core settings and the
 * type's keys of each provider declared in configuration or registered in code; {@code providers} of each route and
 * the price settings of each model that another configuration source declares. A provider or a route may be declared
 * by a variable alone ({@link #declaredNames}); a price model may not, because Steward finds models by listing keys,
 * and a variable cannot be mapped back to a model name (dots and dashes both become {@code _}): such a variable would
 * never be read, and is rejected. Variables under {@code STEWARD_IDENTITY_}, {@code STEWARD_CDI_} and
 * {@code STEWARD_SPRING_} belong to the integrations and are not checked here. Immutable.
 */
public final class EnvironmentKeys {

    /** The prefix of the variables checked. */
    public static final String PREFIX = "STEWARD_";

    private static final Set<String> INTEGRATION_PREFIXES =
            Set.of(PREFIX + "IDENTITY_", PREFIX + "CDI_", PREFIX + "SPRING_");

    private static final java.util.regex.Pattern DECLARABLE_NAME =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_]*");

    private final Map<String, String> keyByVariable;

    private EnvironmentKeys(Map<String, String> keyByVariable) {
        this.keyByVariable = keyByVariable;
    }

    /**
     * Collects the keys Steward reads besides capability keys.
     *
     * @param values the configuration, whose keys declare routes and price models
     * @param providerSettings for each provider name, the settings it accepts below {@code steward.provider.<name>.}
     * @return the check
     */
    public static EnvironmentKeys of(ConfigValues values, Map<String, Set<String>> providerSettings) {
        return of(values, providerSettings, Map.of());
    }

    /**
     * Collects the keys Steward reads besides capability keys, including those of store backends.
     *
     * @param values the configuration, whose keys declare routes and price models
     * @param providerSettings for each provider name, the settings it accepts below {@code steward.provider.<name>.}
     * @param storeSettings for each store backend type, the settings it accepts below {@code steward.store.<type>.}
     * @return the check
     */
    public static EnvironmentKeys of(
            ConfigValues values, Map<String, Set<String>> providerSettings, Map<String, Set<String>> storeSettings) {
        Map<String, String> byVariable = new TreeMap<>();
        storeSettings.forEach(
                (type, settings) -> settings.forEach(s -> put(byVariable, "steward.store." + type + "." + s)));
        ConfigKeys.globalKeys().forEach(k -> put(byVariable, k));
        providerSettings.forEach(
                (name, settings) -> settings.forEach(s -> put(byVariable, "steward.provider." + name + "." + s)));
        List<String> keys = new ArrayList<>();
        values.keys().forEach(keys::add);
        declaredNames(values.environmentVariables(), "route", "providers", keys)
                .forEach(name -> keys.add("steward.route." + name + ".providers"));
        for (String key : keys) {
            ConfigKeys.split(key, "route", ConfigKeys.ROUTE_SETTINGS)
                    .ifPresent(k -> ConfigKeys.ROUTE_SETTINGS.forEach(
                            s -> put(byVariable, "steward.route." + k.name() + "." + s)));
            ConfigKeys.split(key, "price", ConfigKeys.PRICE_SETTINGS)
                    .ifPresent(k -> ConfigKeys.PRICE_SETTINGS.forEach(
                            s -> put(byVariable, "steward.price." + k.name() + "." + s)));
            ConfigKeys.split(key, "tool", ConfigKeys.TOOL_SETTINGS)
                    .ifPresent(k -> ConfigKeys.TOOL_SETTINGS.forEach(
                            s -> put(byVariable, "steward.tool." + k.name() + "." + s)));
        }
        return new EnvironmentKeys(Map.copyOf(byVariable));
    }

    /**
     * The providers or routes that environment variables alone declare: a variable
     * {@code STEWARD_PROVIDER_<NAME>_TYPE} declares the provider {@code <name>}, and
     * {@code STEWARD_ROUTE_<NAME>_PROVIDERS} the route {@code <name>}, in lower case with {@code _} kept ({@code _}
     * cannot be told from {@code -} in a variable, and is valid in a name): {@code STEWARD_PROVIDER_MY_GATEWAY_TYPE}
     * declares {@code my_gateway}, whose other keys are then read from {@code STEWARD_PROVIDER_MY_GATEWAY_*}. A
     * variable that spells a setting of a name already declared (by a key, or by a shorter variable) declares nothing,
     * so a provider {@code local-llama} declared in a file is not declared a second time by
     * {@code STEWARD_PROVIDER_LOCAL_LLAMA_TYPE}.
     *
     * @param variables the variable names, in upper case
     * @param family {@code provider} or {@code route}
     * @param setting the setting that declares a name: {@code type} for providers, {@code providers} for routes
     * @param keys the keys that configuration sources declare
     * @return the names, in the order of their variables' length, shortest first
     */
    public static List<String> declaredNames(
            Iterable<String> variables, String family, String setting, Collection<String> keys) {
        String head = ConfigKeys.PREFIX + family + ".";
        List<String> known = new ArrayList<>();
        for (String key : keys) {
            if (key.startsWith(head) && key.indexOf('.', head.length()) > head.length()) {
                known.add(key.substring(head.length(), key.indexOf('.', head.length())));
            }
        }
        String variableHead = ConfigKeys.environmentName(head);
        String variableTail = "_" + ConfigKeys.environmentName(setting);
        List<String> candidates = new ArrayList<>();
        variables.forEach(v -> {
            if (v.startsWith(variableHead)
                    && v.endsWith(variableTail)
                    && v.length() > variableHead.length() + variableTail.length()) {
                candidates.add(v);
            }
        });
        candidates.sort(java.util.Comparator.comparingInt(String::length).thenComparing(v -> v));
        List<String> declared = new ArrayList<>();
        for (String variable : candidates) {
            String name = variable.substring(variableHead.length(), variable.length() - variableTail.length())
                    .toLowerCase(java.util.Locale.ROOT);
            if (!DECLARABLE_NAME.matcher(name).matches()
                    || known.stream().anyMatch(k -> variable.startsWith(ConfigKeys.environmentName(head + k + ".")))) {
                continue;
            }
            known.add(name);
            declared.add(name);
        }
        return declared;
    }

    /**
     * Rejects the first variable that sets no key Steward reads.
     *
     * @param variables the variable names; those not starting with {@value #PREFIX} are ignored
     * @param capabilities the names of the declared capabilities
     * @throws ConfigurationException naming the variable and the nearest variable that Steward would read, with its
     *     key
     */
    public void check(Iterable<String> variables, Collection<String> capabilities) {
        Map<String, String> known = new TreeMap<>(keyByVariable);
        for (String c : capabilities) {
            ConfigKeys.CAPABILITY_SETTINGS.forEach(s -> put(known, "steward.capability." + c + "." + s));
        }
        for (String variable : variables) {
            if (!variable.startsWith(PREFIX)
                    || known.containsKey(variable)
                    || INTEGRATION_PREFIXES.stream().anyMatch(variable::startsWith)) {
                continue;
            }
            throw new ConfigurationException(
                    variable,
                    "environment variable sets no key Steward reads" + nearest(variable, known) + hint(variable));
        }
    }

    private static void put(Map<String, String> byVariable, String key) {
        byVariable.putIfAbsent(ConfigKeys.environmentName(key), key);
    }

    private static String nearest(String variable, Map<String, String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.keySet()) {
            int d = distance(variable, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; the nearest that Steward reads is " + best + " (" + known.get(best) + ")";
    }

    private static String hint(String variable) {
        if (variable.startsWith(PREFIX + "CAPABILITY_")) {
            return "; a capability's variable is STEWARD_CAPABILITY_<NAME>_<SETTING> for a capability some method"
                    + " declares, with dots and dashes written as _";
        }
        if (variable.startsWith(PREFIX + "PROVIDER_")) {
            return "; a provider must be declared before a variable can set its keys: with"
                    + " steward.provider.<name>.type in a configuration file, with the variable"
                    + " STEWARD_PROVIDER_<NAME>_TYPE, or in code";
        }
        if (variable.startsWith(PREFIX + "PRICE_")) {
            return "; a model's price must be declared with steward.price.<model>.input-per-1k or .output-per-1k in"
                    + " a configuration file before a variable can override it: Steward finds prices by listing"
                    + " keys, and variables are not listed";
        }
        return "";
    }

    /** Levenshtein distance, two rows; names are short. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
