package dev.steward.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.providers.testing.MapSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingValuesTest {

    @ParameterizedTest
    @CsvSource({"PT2S, 2000", "500ms, 500", "2s, 2000", "1m, 60000", "1h, 3600000", "PT0.7S, 700"})
    void readsIsoAndShortDurations(String text, long millis) {
        SettingValues values = SettingValues.of(MapSettings.of("p", "timeout", text));

        assertThat(values.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void rejectsAnUnreadableDurationNamingTheKeyAndTheFormats() {
        SettingValues values = SettingValues.of(MapSettings.of("p", "timeout", "soon"));

        assertThatThrownBy(() -> values.duration("timeout", Duration.ZERO))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.timeout")
                .hasMessageContaining("PT2S, 500ms, 2s or 1m");
    }

    @Test
    void rejectsANumberOutOfRange() {
        SettingValues values = SettingValues.of(MapSettings.of("p", "parallel", "0"));

        assertThatThrownBy(() -> values.integer("parallel", 1, 1, 64))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.parallel")
                .hasMessageContaining("from 1 to 64");
    }

    @Test
    void rejectsANonHttpUrl() {
        SettingValues values = SettingValues.of(MapSettings.of("p", "base-url", "ftp://gateway/v1"));

        assertThatThrownBy(() -> values.requireHttpUrl("base-url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.base-url");
    }

    @Test
    void dropsATrailingSlashFromUrls() {
        SettingValues values = SettingValues.of(MapSettings.of("p", "base-url", "https://gateway/v1/"));

        assertThat(values.requireHttpUrl("base-url")).hasToString("https://gateway/v1");
    }
}
