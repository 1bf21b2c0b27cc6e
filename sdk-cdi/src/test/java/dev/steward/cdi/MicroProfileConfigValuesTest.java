package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cdi.internal.MicroProfileConfigValues;
import dev.steward.cdi.support.TestConfig;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroProfileConfigValuesTest {

    private final TestConfig config =
            TestConfig.install(Map.of("steward.enabled", "true", "mp.messaging.x", "y", "stewardship", "z"));

    private final MicroProfileConfigValues values = new MicroProfileConfigValues(ConfigProvider.getConfig());

    @AfterEach
    void release() {
        config.release();
    }

    @Test
    void listsOnlyStewardKeys() {
        assertThat(values.keys()).containsExactly("steward.enabled");
    }

    @Test
    void leavesEnvironmentVariablesOutOfTheDeclaredKeysButStillReadsThroughThem() {
        ConfigSource environment = new ConfigSource() {
            private final Map<String, String> values = Map.of("steward.provider.local.llama.enabled", "true");

            @Override
            public java.util.Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public String getValue(String name) {
                return values.get(name);
            }

            @Override
            public String getName() {
                return "Environment Variables";
            }
        };
        org.eclipse.microprofile.config.Config withEnvironment = new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(environment)
                .withSources(
                        new io.smallrye.config.PropertiesConfigSource(Map.of("steward.enabled", "true"), "app", 100))
                .build();
        MicroProfileConfigValues read = new MicroProfileConfigValues(withEnvironment);

        assertThat(read.keys()).containsExactly("steward.enabled");
        assertThat(read.get("steward.provider.local.llama.enabled")).contains("true");
    }

    @Test
    void listsTheStewardVariablesOfEnvironmentSourcesInUpperCase() {
        org.eclipse.microprofile.config.Config withEnvironment = new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.EnvConfigSource(
                        Map.of("STEWARD_AUDIT_SINK", "memory", "PATH", "/usr/bin", "STEWARDSHIP", "x"), 300))
                .withSources(new io.smallrye.config.PropertiesConfigSource(
                        Map.of("steward.enabled", "true", "STEWARD_NOT_AN_ENVIRONMENT", "x"), "app", 100))
                .build();
        MicroProfileConfigValues read = new MicroProfileConfigValues(withEnvironment);

        assertThat(read.environmentVariables()).containsExactly("STEWARD_AUDIT_SINK");
        assertThat(read.get("steward.audit.sink")).contains("memory");
    }

    @Test
    void spellsVariablesThatARuntimeReportsAsDottedNamesInUpperCase() {
        ConfigSource environment = new ConfigSource() {
            @Override
            public java.util.Set<String> getPropertyNames() {
                return java.util.Set.of("steward.provider.local.llama.enabled");
            }

            @Override
            public String getValue(String name) {
                return null;
            }

            @Override
            public String getName() {
                return "Environment Variables";
            }
        };
        MicroProfileConfigValues read = new MicroProfileConfigValues(new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(environment)
                .build());

        assertThat(read.environmentVariables()).containsExactly("STEWARD_PROVIDER_LOCAL_LLAMA_ENABLED");
    }

    @Test
    void readsValuesLiveSoThatChangesNeedNoRestart() {
        assertThat(values.get("steward.enabled")).contains("true");

        config.set("steward.enabled", "false");

        assertThat(values.get("steward.enabled")).contains("false");
        assertThat(values.get("steward.absent")).isEmpty();
    }
}
