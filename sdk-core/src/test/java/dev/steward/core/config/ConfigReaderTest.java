package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(ConfigValues.of(values));
    }

    @Test
    void treatsBlankValuesAsUnsetAndTrimsTheRest() {
        ConfigReader config = reader(Map.of("a", "  ", "b", " x "));

        assertThat(config.string("a")).isEmpty();
        assertThat(config.string("b")).hasValue("x");
        assertThat(config.string("missing")).isEmpty();
        assertThat(config.values().get("a")).hasValue("  ");
    }

    @Test
    void readsBooleansIgnoringCaseAndRejectsAnythingElse() {
        ConfigReader config = reader(Map.of("on", "TRUE", "off", "false", "bad", "yes"));

        assertThat(config.bool("on", false)).isTrue();
        assertThat(config.bool("off", true)).isFalse();
        assertThat(config.bool("missing", true)).isTrue();
        assertThatThrownBy(() -> config.bool("bad", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bad")
                .hasMessageContaining("must be true or false, was 'yes'");
    }

    @Test
    void readsIntegersWithinBounds() {
        ConfigReader config = reader(Map.of("n", "42", "big", "101", "word", "many"));

        assertThat(config.integer("n", 1, 0, 100)).isEqualTo(42);
        assertThat(config.integer("missing", 7, 0, 100)).isEqualTo(7);
        assertThatThrownBy(() -> config.integer("big", 1, 0, 100))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be between 0 and 100, was 101");
        assertThatThrownBy(() -> config.integer("word", 1, 0, 100))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be an integer, was 'many'");
    }

    @Test
    void readsDecimalsWithinBoundsAndRejectsNotANumber() {
        ConfigReader config = reader(Map.of("p", "0.25", "over", "1.5", "nan", "NaN", "word", "half"));

        assertThat(config.decimal("p", 0, 0, 1)).isEqualTo(0.25);
        assertThat(config.decimal("missing", 0.5, 0, 1)).isEqualTo(0.5);
        assertThatThrownBy(() -> config.decimal("over", 0, 0, 1)).hasMessageContaining("must be between");
        assertThatThrownBy(() -> config.decimal("nan", 0, 0, 1)).hasMessageContaining("must be between");
        assertThatThrownBy(() -> config.decimal("word", 0, 0, 1)).hasMessageContaining("must be a number, was 'half'");
    }

    @Test
    void readsDurationsInShortAndIsoForm() {
        ConfigReader config = reader(
                Map.of("ms", "500ms", "s", "2 S", "m", "1m", "h", "1h", "d", "1d", "iso", "PT1M30S", "bad", "soon"));

        assertThat(config.duration("ms", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.duration("s", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.duration("m", null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.duration("h", null)).isEqualTo(Duration.ofHours(1));
        assertThat(config.duration("d", null)).isEqualTo(Duration.ofDays(1));
        assertThat(config.duration("iso", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.duration("missing", Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> config.duration("bad", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be a duration such as PT2S");
    }

    @Test
    void rejectsANegativeDuration() {
        assertThatThrownBy(() -> ConfigReader.parseDuration("steward.provider.x.timeout", "PT-1S"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.x.timeout")
                .hasMessageContaining("must not be negative");
    }

    @Test
    void readsCommaSeparatedListsDroppingBlanks() {
        ConfigReader config = reader(Map.of("roles", " adjuster, ,supervisor ,"));

        assertThat(config.list("roles")).containsExactly("adjuster", "supervisor");
        assertThat(config.list("missing")).isEmpty();
    }
}
