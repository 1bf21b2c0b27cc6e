package dev.steward.api.spi;

import java.util.Optional;

/** One provider's configuration, the keys under {@code steward.provider.<name>.}. */
public interface ProviderSettings {

    /**
     * The provider's name.
     *
     * @return the name
     */
    String name();

    /**
     * A value.
     *
     * @param key the key below {@code steward.provider.<name>.}, for example {@code base-url}
     * @return the value, or empty if not set
     */
    Optional<String> get(String key);

    /**
     * A value that must be set.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @return the value
     * @throws dev.steward.api.ConfigurationException naming the full key if it is not set
     */
    String require(String key);

    /**
     * The full key of a setting, for error messages.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @return {@code steward.provider.<name>.<key>}
     */
    default String fullKey(String key) {
        return "steward.provider." + name() + "." + key;
    }
}
