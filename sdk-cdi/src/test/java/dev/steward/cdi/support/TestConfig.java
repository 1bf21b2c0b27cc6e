package dev.steward.cdi.support;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A fresh MicroProfile Config per test, registered for the test's class loader, backed by a source whose values the
 * test changes while the container runs, as an operator would through a refreshable ConfigSource.
 */
public final class TestConfig implements ConfigSource {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Config config;

    private TestConfig(Map<String, String> initial, Map<String, String> environment) {
        values.putAll(initial);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (RuntimeException none) {
            // no config registered yet
        }
        SmallRyeConfig built = new SmallRyeConfigBuilder()
                .withSources(this)
                // SmallRye's own environment source over a given map, so that tests never read the real environment
                .withSources(new EnvConfigSource(environment, EnvConfigSource.ORDINAL))
                .addDefaultInterceptors()
                .build();
        resolver.registerConfig(built, loader);
        this.config = built;
    }

    /**
     * Installs a configuration for the current test.
     *
     * @param initial the initial values
     * @return the source, to change values later
     */
    public static TestConfig install(Map<String, String> initial) {
        return new TestConfig(initial, Map.of());
    }

    /**
     * Installs a configuration for the current test with environment variables, read as MicroProfile Config reads
     * the process environment.
     *
     * @param initial the initial values
     * @param environment the variables, e.g. {@code STEWARD_AUDIT_SINK}
     * @return the source, to change values later
     */
    public static TestConfig install(Map<String, String> initial, Map<String, String> environment) {
        return new TestConfig(initial, environment);
    }

    /**
     * The baseline every Weld test starts from: in-memory audit, the test provider, adjusters may call.
     *
     * @return a mutable copy
     */
    public static Map<String, String> baseline() {
        Map<String, String> m = new HashMap<>();
        m.put("steward.audit.sink", "memory");
        m.put("steward.route.default.providers", TestProvider.NAME);
        m.put("steward.capability.claims.summarize.allowed-roles", "adjuster");
        m.put("steward.capability.claims.adjust.allowed-roles", "adjuster");
        m.put("steward.capability.claims.classify.allowed-roles", "adjuster");
        return m;
    }

    /**
     * Changes a value at runtime.
     *
     * @param key the key
     * @param value the value, or {@code null} to remove it
     */
    public void set(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** Unregisters the configuration. */
    public void release() {
        ConfigProviderResolver.instance().releaseConfig(config);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
