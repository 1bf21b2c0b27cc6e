package dev.steward.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfiguredProviderSettingsTest {

    private static ConfiguredProviderSettings settings(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put("steward.provider.p." + keyValues[i], keyValues[i + 1]);
        }
        return ConfiguredProviderSettings.of("p", new ConfigReader(ConfigValues.of(map)));
    }

    @ParameterizedTest
    @CsvSource({"PT2S, 2000", "500ms, 500", "2s, 2000", "1m, 60000", "1h, 3600000", "1d, 86400000", "PT0.7S, 700"})
    void readsIsoAndShortDurationsAsCoreDoes(String text, long millis) {
        assertThat(settings("acquire-timeout", text).duration("acquire-timeout", Duration.ofSeconds(9)))
                .contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0ms", "PT0S"})
    void readsZeroAsNone(String zero) {
        ConfiguredProviderSettings s = settings("acquire-timeout", zero, "timeout", zero);

        assertThat(s.duration("acquire-timeout", Duration.ofSeconds(9))).isEmpty();
        assertThat(s.timeout()).isEmpty();
        assertThat(ProviderPolicy.read(
                                new ConfigReader(ConfigValues.of(Map.of("steward.provider.p.timeout", zero))), "p")
                        .timeout())
                .isNull();
    }

    @Test
    void usesCoresDefaultTimeoutWhenUnset() {
        assertThat(settings().timeout()).contains(ProviderPolicy.DEFAULT_TIMEOUT);
        assertThat(settings().duration("acquire-timeout", Duration.ofSeconds(9)))
                .contains(Duration.ofSeconds(9));
    }

    @Test
    void rejectsAnUnreadableDurationNamingTheFullKeyAndTheFormats() {
        assertThatThrownBy(() -> settings("timeout", "soon").timeout())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.timeout")
                .hasMessageContaining("PT2S, 500ms, 2s");
    }

    @Test
    void rejectsANumberOutOfRangeNamingTheFullKey() {
        assertThatThrownBy(() -> settings("parallel", "0").integer("parallel", 1, 1, 64))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.parallel")
                .hasMessageContaining("between 1 and 64");
    }

    @Test
    void readsOptionalDecimalsBooleansAndChoices() {
        ConfiguredProviderSettings s = settings("temperature", "0.5", "native-log", "TRUE", "user", "Hash");

        assertThat(s.decimal("temperature", 0, 2)).contains(0.5);
        assertThat(s.decimal("top-p", 0, 1)).isEmpty();
        assertThat(s.bool("native-log", false)).isTrue();
        assertThat(s.choice("user", "principal", "principal", "hash", "none")).isEqualTo("hash");
        assertThatThrownBy(() -> settings("user", "everyone").choice("user", "principal", "principal", "hash"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.user")
                .hasMessageContaining("principal, hash");
    }

    @Test
    void rejectsANonHttpUrlAndDropsATrailingSlash() {
        assertThatThrownBy(() -> settings("base-url", "ftp://gateway/v1").httpUrl("base-url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.base-url");
        assertThat(settings("base-url", "https://gateway/v1/").httpUrl("base-url"))
                .hasToString("https://gateway/v1");
    }

    @Test
    void requiresAValueNamingTheFullKey() {
        assertThatThrownBy(() -> settings().require("model"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.p.model");
    }
}
