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
}
