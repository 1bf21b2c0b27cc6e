package dev.steward.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.annotation.CostCeiling.Period;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-31T23:15:42Z");

    @Test
    void anHourWindowRunsToTheNextFullHourInUtc() {
        assertThat(BudgetWindow.of(Period.HOUR, NOW))
                .isEqualTo(new BudgetWindow("2026-12-31T23:00Z", Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void aDayWindowIsTheUtcCalendarDay() {
        assertThat(BudgetWindow.of(Period.DAY, NOW))
                .isEqualTo(new BudgetWindow("2026-12-31", Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(BudgetWindow.of(Period.DAY, Instant.parse("2026-11-23T00:00:00Z"))
                        .label())
                .isEqualTo("2026-11-23");
    }

    @Test
    void aMonthWindowIsTheUtcCalendarMonth() {
        assertThat(BudgetWindow.of(Period.MONTH, NOW))
                .isEqualTo(new BudgetWindow("2026-12", Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(BudgetWindow.of(Period.MONTH, Instant.parse("2028-02-10T08:00:00Z"))
                        .end())
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void aPerCallCeilingHasNoWindow() {
        assertThatThrownBy(() -> BudgetWindow.of(Period.CALL, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-call");
    }
}
