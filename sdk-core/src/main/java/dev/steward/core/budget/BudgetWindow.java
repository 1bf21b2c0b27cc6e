package dev.steward.core.budget;

import dev.steward.api.annotation.CostCeiling.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The UTC calendar window a periodic budget counts in: its label (part of the ledger key) and its end.
 *
 * @param label the window's label, for example {@code 2026-11-23}
 * @param end when the window ends
 */
public record BudgetWindow(String label, Instant end) {

    /**
     * The window of a period that contains an instant.
     *
     * @param period the period; not {@code CALL}
     * @param now the instant
     * @return the window
     */
    public static BudgetWindow of(Period period, Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return switch (period) {
            case HOUR -> {
                ZonedDateTime start = t.truncatedTo(ChronoUnit.HOURS);
                yield new BudgetWindow(start.toString(), start.plusHours(1).toInstant());
            }
            case DAY -> {
                LocalDate d = t.toLocalDate();
                yield new BudgetWindow(
                        d.toString(), d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            case MONTH -> {
                LocalDate first = t.toLocalDate().withDayOfMonth(1);
                yield new BudgetWindow(
                        first.toString().substring(0, 7),
                        first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            case CALL -> throw new IllegalArgumentException("a per-call ceiling has no window");
        };
    }
}
