package dev.steward.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The REST resources' settings: defaults without keys, and errors naming the key and the bad value. */
class RestSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build();
    }

    @Test
    void withoutKeysTheResourcesAnswerAndReadAtMostOneMebibyte() {
        RestSettings settings = RestSettings.read(config(Map.of()));
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.maxBodyBytes()).isEqualTo(1_048_576);
    }

    @Test
    void readsBothKeys() {
        RestSettings settings = RestSettings.read(
                config(Map.of("steward.cdi.rest.enabled", "false", "steward.cdi.rest.max-body-bytes", " 2048 ")));
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void refusesABadValueNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> RestSettings.read(config(Map.of("steward.cdi.rest.max-body-bytes", "1MB"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.cdi.rest.max-body-bytes")
                .hasMessageContaining("'1MB'");
        assertThatThrownBy(() -> RestSettings.read(config(Map.of("steward.cdi.rest.max-body-bytes", "0"))))
                .hasMessageContaining("'0'");
        assertThatThrownBy(() -> RestSettings.read(config(Map.of("steward.cdi.rest.enabled", "yes"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.cdi.rest.enabled")
                .hasMessageContaining("'yes'");
    }
}
