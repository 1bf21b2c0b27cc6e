package dev.steward.providers.testing;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Provider settings from a map, as core would hand them over. */
public record MapSettings(String name, Map<String, String> values) implements ProviderSettings {

    /**
     * Settings from alternating keys and values.
     *
     * @param name the provider name
     * @param keyValues key, value, key, value...
     * @return the settings
     */
    public static MapSettings of(String name, String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return new MapSettings(name, map);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(fullKey(key), "is required"));
    }
}
