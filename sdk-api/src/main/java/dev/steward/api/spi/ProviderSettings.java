package dev.steward.api.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One provider's configuration, the keys under {@code steward.provider.<name>.}, with typed reads. Steward's core
 * implements it with the same parser it uses for its own keys, so a value means the same to a provider as to core.
 * Every typed read fails with a {@link dev.steward.api.ConfigurationException} that names the full key, the bad
 * value and what would be valid, so a wrong deployment fails at startup. Implementations are immutable and
 * thread-safe.
 */
public interface ProviderSettings {

    /**
     * The provider's name.
     *
     * @return the name
     */
    String name();

    /**
     * A value, trimmed; a blank value counts as unset.
     *
     * @param key the key below {@code steward.provider.<name>.}, for example {@code base-url}
     * @return the value, or empty if not set
     */
    Optional<String> get(String key);

    /**
     * A value that must be set.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @return the value, trimmed
     * @throws dev.steward.api.ConfigurationException naming the full key if it is not set
     */
    String require(String key);

    /**
     * A duration: ISO-8601 ({@code PT2S}) or a number with a unit ({@code 500ms}, {@code 2s}, {@code 1m},
     * {@code 1h}, {@code 1d}). {@code 0} (with or without a unit) means "none", as it does for every duration key
     * of Steward: the result is then empty.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @param defaultValue the value when unset; {@code null} or zero for "none"
     * @return the duration, or empty for "none"
     * @throws dev.steward.api.ConfigurationException naming the full key if the value is in neither form or negative
     */
    Optional<Duration> duration(String key, Duration defaultValue);

    /**
     * The longest one try may take, as Steward applies it around the provider: the core key {@code timeout} with
     * core's default, {@code 0} for none. A provider that has a timeout of its own (an HTTP read timeout) uses this
     * one, so that there is one value and one default for the key.
     *
     * @return the timeout, or empty for none
     * @throws dev.steward.api.ConfigurationException naming the full key if the value is invalid
     */
    Optional<Duration> timeout();

    /**
     * An integer within bounds.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @param defaultValue the value when unset
     * @param min the least valid value
     * @param max the greatest valid value
     * @return the value
     * @throws dev.steward.api.ConfigurationException naming the full key if the value is not an integer in [min,
     *     max]
     */
    int integer(String key, int defaultValue, int min, int max);

    /**
     * A decimal number within bounds, if set.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @param min the least valid value
     * @param max the greatest valid value
     * @return the value, or empty when unset
     * @throws dev.steward.api.ConfigurationException naming the full key if the value is not a number in [min, max]
     */
    Optional<Double> decimal(String key, double min, double max);

    /**
     * A boolean, {@code true} or {@code false} in any case.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @param defaultValue the value when unset
     * @return the value
     * @throws dev.steward.api.ConfigurationException naming the full key if the value is neither
     */
    boolean bool(String key, boolean defaultValue);

    /**
     * One of a fixed set of words, compared without regard to case.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @param defaultValue the value when unset
     * @param valid the valid values, in lower case
     * @return the value, in lower case
     * @throws dev.steward.api.ConfigurationException naming the full key and the valid values otherwise
     */
    String choice(String key, String defaultValue, String... valid);

    /**
     * An absolute {@code http} or {@code https} URL that must be set.
     *
     * @param key the key below {@code steward.provider.<name>.}
     * @return the URL, without a trailing slash
     * @throws dev.steward.api.ConfigurationException naming the full key if it is unset, not a URL, not absolute or
     *     not http(s)
     */
    URI httpUrl(String key);

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
