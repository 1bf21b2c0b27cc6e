package dev.steward.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.Money;
import dev.steward.api.TokenUsage;
import dev.steward.core.config.ConfigValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable table = PriceTable.read(
            ConfigValues.of(Map.of(
                    "steward.price.gpt-4o-mini.input-per-1k", "0.15 USD",
                    "steward.price.gpt-4o-mini.output-per-1k", "0.60 USD",
                    "steward.price.cheap.v2.input-per-1k", "0.0005 USD",
                    "steward.capability.claims.summarize.route", "default")),
            "USD");

    @Test
    void pricesInputAndOutputTokensPerThousand() {
        assertThat(table.cost("gpt-4o-mini", new TokenUsage(1000, 1000))).isEqualTo(new Money(750_000, "USD"));
        assertThat(table.costMicros("gpt-4o-mini", 1001, 10)).isEqualTo(150_150 + 6_000);
    }

    @Test
    void roundsAPartialMicroUnitUpSoThatNoUsageIsFree() {
        assertThat(table.costMicros("cheap.v2", 1, 0)).isEqualTo(1);
        assertThat(table.costMicros("cheap.v2", 3, 500)).isEqualTo(2);
    }

    @Test
    void aModelWithoutAPriceCostsNothing() {
        assertThat(table.cost("local-llama", new TokenUsage(5000, 5000))).isEqualTo(Money.zero("USD"));
        assertThat(table.costMicros(null, 5000, 5000)).isZero();
    }

    @Test
    void reservesTheDearestPricedModel() {
        assertThat(table.maxCostMicros(1000, 1000)).isEqualTo(750_000);
        assertThat(PriceTable.read(ConfigValues.of(Map.of()), "EUR").maxCostMicros(1000, 1000))
                .isZero();
    }

    @Test
    void keepsTheBudgetCurrency() {
        assertThat(table.currency()).isEqualTo("USD");
    }

    @Test
    void rejectsAPriceInAnotherCurrencyNamingTheKey() {
        assertThatThrownBy(() ->
                        PriceTable.read(ConfigValues.of(Map.of("steward.price.m.input-per-1k", "0.15 EUR")), "USD"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.price.m.input-per-1k")
                .hasMessageContaining("price is in EUR but steward.currency is USD");
    }

    @Test
    void rejectsANegativePrice() {
        assertThatThrownBy(() ->
                        PriceTable.read(ConfigValues.of(Map.of("steward.price.m.output-per-1k", "-0.10 USD")), "USD"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must not be negative");
    }

    @Test
    void rejectsAPriceThatIsNotMoney() {
        assertThatThrownBy(
                        () -> PriceTable.read(ConfigValues.of(Map.of("steward.price.m.output-per-1k", "cheap")), "USD"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.price.m.output-per-1k")
                .hasMessageContaining("'<amount> <currency>'");
    }
}
