package dev.steward.core.route;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.core.config.ConfigReader;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's settings read through core's {@link ConfigReader}, so that a provider parses durations, numbers,
 * booleans and URLs exactly as core parses its own keys. Immutable and thread-safe.
 */
public final class ConfiguredProviderSettings implements ProviderSettings {

    private final String name;
    private final String prefix;
    private final ConfigReader reader;

    private ConfiguredProviderSettings(String name, String prefix, ConfigReader reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * The settings of a store backend, the keys under {@code steward.store.<type>.}.
     *
     * @param type the backend's type
     * @param reader the configuration
     * @return the settings
     */
    public static ConfiguredProviderSettings ofStore(String type, ConfigReader reader) {
        return new ConfiguredProviderSettings(type, "steward.store." + type + ".", reader);
    }

    @Override
    public String fullKey(String key) {
        return prefix + key;
    }

    /**
     * The settings of one provider.
     *
     * @param name the provider name
     * @param reader the whole configuration; keys are read below {@code steward.provider.<name>.}
     * @return the settings
     */
    public static ConfiguredProviderSettings of(String name, ConfigReader reader) {
        return new ConfiguredProviderSettings(name, "steward.provider." + name + ".", reader);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> get(String key) {
        return reader.string(fullKey(key));
    }

    @Override
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(fullKey(key), "is required for '" + name + "'"));
    }

    @Override
    public Optional<Duration> duration(String key, Duration defaultValue) {
        Duration value = reader.duration(fullKey(key), defaultValue);
        return value == null || value.isZero() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(ProviderPolicy.readTimeout(reader, name));
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        return reader.integer(fullKey(key), defaultValue, min, max);
    }

    @Override
    public Optional<Double> decimal(String key, double min, double max) {
        return reader.optionalDecimal(fullKey(key), min, max);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return reader.bool(fullKey(key), defaultValue);
    }

    @Override
    public String choice(String key, String defaultValue, String... valid) {
        return reader.choice(fullKey(key), defaultValue, valid);
    }

    @Override
    public URI httpUrl(String key) {
        return reader.httpUrl(fullKey(key));
    }
}
