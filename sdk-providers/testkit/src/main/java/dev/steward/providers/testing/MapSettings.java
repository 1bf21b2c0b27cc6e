package dev.steward.providers.testing;

import dev.steward.api.spi.ProviderSettings;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.route.ConfiguredProviderSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provider settings from a map, read by core exactly as a running Steward reads them: the keys are placed below
 * {@code steward.provider.<name>.} and parsed by core's configuration reader, so tests exercise the real parser.
 */
public final class MapSettings {

    private MapSettings() {}

    /**
     * Settings from alternating keys and values.
     *
     * @param name the provider name
     * @param keyValues key, value, key, value... with keys below {@code steward.provider.<name>.}
     * @return the settings
     */
    public static ProviderSettings of(String name, String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return of(name, map);
    }

    /**
     * Settings from a map.
     *
     * @param name the provider name
     * @param values the values by key below {@code steward.provider.<name>.}
     * @return the settings
     */
    public static ProviderSettings of(String name, Map<String, String> values) {
        Map<String, String> full = new LinkedHashMap<>();
        values.forEach((key, value) -> full.put("steward.provider." + name + "." + key, value));
        return ConfiguredProviderSettings.of(name, new ConfigReader(ConfigValues.of(full)));
    }
}
