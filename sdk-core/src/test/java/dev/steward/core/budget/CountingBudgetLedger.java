package dev.steward.core.budget;

import dev.steward.api.spi.BudgetLedger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory ledger, counting how often what was spent is read (for tests that a read stays off a call's path) and
 * recording the amount of every reservation.
 */
public final class CountingBudgetLedger implements BudgetLedger {

    private final InMemoryBudgetLedger delegate = new InMemoryBudgetLedger();
    private final AtomicInteger spentReads = new AtomicInteger();
    private final List<Long> reserved = new CopyOnWriteArrayList<>();

    /**
     * How often {@link #spent} was called.
     *
     * @return the count, live
     */
    public AtomicInteger spentReads() {
        return spentReads;
    }

    /**
     * The amount of every reservation, in order.
     *
     * @return the amounts, live
     */
    public List<Long> reserved() {
        return reserved;
    }

    @Override
    public Reservation reserve(String budget, long amount, long limit, Instant expiresAt) {
        reserved.add(amount);
        return delegate.reserve(budget, amount, limit, expiresAt);
    }

    @Override
    public void settle(Reservation reservation, long actualAmount) {
        delegate.settle(reservation, actualAmount);
    }

    @Override
    public void release(Reservation reservation) {
        delegate.release(reservation);
    }

    @Override
    public long spent(String budget) {
        spentReads.incrementAndGet();
        return delegate.spent(budget);
    }
}
