package dev.steward.cdi.internal;

import dev.steward.core.config.ConfigSourceNames;
import dev.steward.core.config.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
     * variables are left out here: they are looked up by mapping a key to its variable name, and the names some runtimes
     * report for them ({@code STEWARD_PROVIDER_LOCAL_LLAMA_ENABLED} as {@code steward.provider.local.llama.enabled})
     * cannot be mapped back to the hyphenated key they set; {@link #environmentVariables()} lists them for their own
     * check.
     */
    @Override
    public Iterable<String> keys() {
        return ConfigSourceNames.stewardKeys(names(false));
    }

    /**
     * The {@code STEWARD_*} variables of the environment sources, in upper case as MicroProfile Config spells them,
     * whether the source reports {@code STEWARD_AUDIT_SINK} or, as some runtimes do, {@code steward.audit.sink}. A
     * source counts as the environment when its name contains {@code env} (SmallRye's {@code EnvConfigSource}, Open
     * Liberty's environment source).
     */
    @Override
    public Iterable<String> environmentVariables() {
        return ConfigSourceNames.stewardVariables(names(true));
    }

    private List<Iterable<String>> names(boolean environment) {
        List<Iterable<String>> names = new ArrayList<>();
        for (ConfigSource source : config.getConfigSources()) {
            if (isEnvironment(source) == environment) {
                names.add(source.getPropertyNames());
            }
        }
        return names;
    }

    private static boolean isEnvironment(ConfigSource source) {
        String name = source.getName() == null ? "" : source.getName().toLowerCase(Locale.ROOT);
        return name.contains("env");
    }
}
