package dev.steward.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CeilingTest {

    @Test
    void readsTokensAndMoney() {
        assertThat(Ceiling.parse("2000 tokens")).isEqualTo(new Ceiling(2000, null));
        assertThat(Ceiling.parse("0.50 usd")).isEqualTo(new Ceiling(500_000, "USD"));
        assertThat(Ceiling.parse("0.50 USD").toString()).isEqualTo("0.5 USD");
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Ceiling.parse("lots")).hasMessageContaining("'<n> tokens'");
        assertThatThrownBy(() -> Ceiling.parse("-3 tokens")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Ceiling.parse("0.0000001 USD")).hasMessageContaining("'<n> tokens'");
    }
}
