package dev.steward.cdi.internal;

import dev.steward.core.config.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Steward's configuration read through MicroProfile Config, so that any ConfigSource (system properties, environment,
 * {@code microprofile-config.properties}, a database-backed source) supplies {@code steward.*} keys. Values are read
 * on every {@link #get}, never cached here, so that a ConfigSource whose values change switches the kill switch, the
 * prompt pin and the canary percentage without a restart. Thread-safe as {@link Config} is.
 */
public final class MicroProfileConfigValues implements ConfigValues {

    private static final String PREFIX = "steward.";

    private final Config config;

    /**
     * Adapts a MicroProfile Config.
     *
     * @param config the application's configuration
     */
    public MicroProfileConfigValues(Config config) {
        this.config = config;
    }

    @Override
    public Optional<String> get(String key) {
        return config.getOptionalValue(key, String.class);
    }

    @Override
    public Iterable<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                keys.add(name);
            }
        }
        return keys;
    }
}
