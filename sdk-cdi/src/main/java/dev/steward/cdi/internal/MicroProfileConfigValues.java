package dev.steward.cdi.internal;

import dev.steward.core.config.ConfigValues;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

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

    /**
     * The {@code steward.*} names that configuration sources declare, for Steward's unknown-key check. Environment
     * variables are left out: they are looked up by mapping a key to its variable name, and the names some runtimes
     * report for them ({@code STEWARD_PROVIDER_LOCAL_LLAMA_ENABLED} as {@code steward.provider.local.llama.enabled})
     * cannot be mapped back to the hyphenated key they set.
     */
    @Override
    public Iterable<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            String sourceName = source.getName() == null ? "" : source.getName().toLowerCase(Locale.ROOT);
            if (sourceName.contains("env")) {
                continue;
            }
            for (String name : source.getPropertyNames()) {
                if (name.startsWith(PREFIX)) {
                    keys.add(name);
                }
            }
        }
        return keys;
    }
}
