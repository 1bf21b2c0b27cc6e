package dev.steward.api.spi;

import java.time.Instant;

/**
 * Counts spend against limits, atomically, so that concurrent calls can never overspend: an amount is reserved
 * before a call and settled with the real amount after it. Amounts are in one unit per budget (tokens, or micro-units
 * of a currency); the ledger does not interpret them. Implementations must be thread-safe, and shared ledgers (JDBC,
 * Redis) must be atomic across JVMs.
 */
public interface BudgetLedger {

    /**
     * Reserves an amount if the budget's spent plus reserved amounts, plus this one, stay within the limit.
     *
     * @param budget the budget's key, for example {@code tenant:acme:claims.summarize:DAY:2026-11-23}
     * @param amount the amount to reserve, not negative
     * @param limit the budget's limit, not negative
     * @param expiresAt when the budget's window ends and its counts may be discarded
     * @return the reservation, or {@code null} if the limit would be exceeded
     * @throws IllegalArgumentException if an amount is negative
     */
    Reservation reserve(String budget, long amount, long limit, Instant expiresAt);

    /**
     * Turns a reservation into spend of the real amount, releasing the difference. The real amount is recorded even
     * when it exceeds the reservation, so no spend is ever lost; later reservations then see it.
     *
     * @param reservation a reservation from {@link #reserve}, settled or released at most once
     * @param actualAmount the amount really spent, not negative
     * @throws IllegalStateException if the reservation was already settled or released
     */
    void settle(Reservation reservation, long actualAmount);

    /**
     * Gives a reservation back without spending.
     *
     * @param reservation a reservation from {@link #reserve}, settled or released at most once
     * @throws IllegalStateException if the reservation was already settled or released
     */
    void release(Reservation reservation);

    /**
     * The amount spent (settled) in a budget.
     *
     * @param budget the budget's key
     * @return the settled amount, 0 for an unknown budget
     */
    long spent(String budget);

    /**
     * A held amount.
     *
     * @param id unique per ledger
     * @param budget the budget's key
     * @param amount the amount held
     */
    record Reservation(String id, String budget, long amount) {}
}
