package dev.steward.spring.internal;

import dev.steward.core.config.ConfigSourceNames;
import dev.steward.core.config.ConfigValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Steward's configuration read through Spring's {@link ConfigurableEnvironment}, so that every property source
 * (application properties and YAML, profiles, system properties, the environment, command-line arguments, test
 * properties, a config server) supplies {@code steward.*} keys with Spring's precedence. Values are read on every
 * {@link #get}, never cached here, so a refreshed source switches the kill switch, the prompt pin and the canary
 * percentage without a restart. Thread-safe as the environment is.
 */
public final class EnvironmentConfigValues implements ConfigValues {

    private static final String PREFIX = "steward.";

    private final ConfigurableEnvironment environment;

    /**
     * Adapts an environment.
     *
     * @param environment the application's environment
     */
    public EnvironmentConfigValues(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(environment.getProperty(key));
    }

    /**
     * The {@code steward.*} names the enumerable property sources declare, for Steward's unknown-key check. The
     * environment is left out: a variable name cannot be mapped back to the hyphenated key it sets, so
     * {@link #environmentVariables()} lists those for their own check.
     */
    @Override
    public Iterable<String> keys() {
        return ConfigSourceNames.stewardKeys(names(false));
    }

    @Override
    public Iterable<String> environmentVariables() {
        return ConfigSourceNames.stewardVariables(names(true));
    }

    private List<Iterable<String>> names(boolean environmentSources) {
        List<Iterable<String>> names = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (isEnvironment(source) == environmentSources && source instanceof EnumerablePropertySource<?> e) {
                names.add(Arrays.asList(e.getPropertyNames()));
            }
        }
        return names;
    }

    private static boolean isEnvironment(PropertySource<?> source) {
        return source instanceof SystemEnvironmentPropertySource
                || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
    }
}
