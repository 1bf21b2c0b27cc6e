package dev.steward.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * A live view of configuration values: MicroProfile Config, Spring's {@code Environment}, or a map.
 *
 * <p>Steward reads most keys once at startup, but reads the kill switch, the prompt pin and the canary percentage
 * on every call, so a source whose values change (a refreshed ConfigSource) switches them without a restart.
 * Implementations must be thread-safe.
 */
public interface ConfigValues {

    /**
     * A value.
     *
     * @param key the full key, for example {@code steward.route.default.providers}
     * @return the value, or empty if not set
     */
    Optional<String> get(String key);

    /**
     * The keys this source knows, so that Steward can reject unknown {@code steward.*} keys at startup.
     *
     * @return the keys; may include keys of other prefixes, which Steward ignores
     */
    Iterable<String> keys();

    /**
     * The environment variables this source reads {@code steward.*} values from, by name in upper case
     * ({@code STEWARD_AUDIT_SINK}), so that Steward can reject a variable that sets no key it reads. They are not
     * among {@link #keys()}: a variable is found by mapping a key to its name, and the name cannot always be mapped
     * back ({@code _} stands for {@code .} and {@code -} alike). The default is none.
     *
     * @return the variable names starting with {@code STEWARD_}
     */
    default Iterable<String> environmentVariables() {
        return java.util.List.of();
    }

    /**
     * A fixed source backed by a copy of a map.
     *
     * @param values the values
     * @return the source
     */
    static ConfigValues of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigValues() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Iterable<String> keys() {
                return copy.keySet();
            }
        };
    }
    /**
     * A fixed source of environment variables, read as MicroProfile Config reads its environment source: a key is
     * looked up as written, then with every character other than a letter or digit replaced by {@code _}, then that
     * in upper case ({@code steward.provider.gateway.base-url} from {@code STEWARD_PROVIDER_GATEWAY_BASE_URL}). It
     * lists no keys; it lists its {@code STEWARD_*} variables as {@link #environmentVariables()}, so providers and
     * routes may be declared by variables alone (see {@link EnvironmentKeys#declaredNames}) and
     * {@code Steward.verifyEnvironmentVariables()} checks them. For an application that uses the core without an
     * integration: {@code ConfigValues.ofEnvironment(System.getenv())}.
     *
     * @param variables the variables, by name; copied
     * @return the source
     */
    static ConfigValues ofEnvironment(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        java.util.List<String> names = copy.keySet().stream()
                .map(ConfigKeys::environmentName)
                .filter(n -> n.startsWith(EnvironmentKeys.PREFIX))
                .sorted()
                .distinct()
                .toList();
        return new ConfigValues() {
            @Override
            public Optional<String> get(String key) {
                String value = copy.get(key);
                if (value == null) {
                    String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
                    value = copy.get(underscored);
                    if (value == null) {
                        value = copy.get(underscored.toUpperCase(java.util.Locale.ROOT));
                    }
                }
                return Optional.ofNullable(value);
            }

            @Override
            public Iterable<String> keys() {
                return java.util.List.of();
            }

            @Override
            public Iterable<String> environmentVariables() {
                return names;
            }
        };
    }
}
