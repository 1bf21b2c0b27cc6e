package dev.steward.core.budget;

import dev.steward.api.spi.BudgetLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget ledger for one JVM. Each budget is a small object whose spent and reserved amounts change under its own
 * monitor, so reservations for different budgets never contend and a reservation's check-and-add is atomic. Budgets
 * whose window has ended are dropped lazily. Thread-safe.
 */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private static final class Budget {
        final Instant expiresAt;
        long spent;
        long reserved;

        Budget(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    private final ConcurrentHashMap<String, Budget> budgets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;
    private final AtomicLong nextSweepMillis = new AtomicLong();

    /** A ledger on the system clock. */
    public InMemoryBudgetLedger() {
        this(Clock.systemUTC());
    }

    /**
     * A ledger on a clock, which decides when windows have ended.
     *
     * @param clock the clock
     */
    public InMemoryBudgetLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Reservation reserve(String budget, long amount, long limit, Instant expiresAt) {
        if (amount < 0 || limit < 0) {
            throw new IllegalArgumentException(
                    "amount and limit must not be negative, were " + amount + " and " + limit + " for " + budget);
        }
        sweepExpired();
        Budget b = budgets.computeIfAbsent(budget, k -> new Budget(expiresAt));
        synchronized (b) {
            if (b.spent + b.reserved + amount > limit) {
                return null;
            }
            b.reserved += amount;
        }
        Reservation r = new Reservation(Long.toString(ids.incrementAndGet()), budget, amount);
        open.put(r.id(), Boolean.TRUE);
        return r;
    }

    @Override
    public void settle(Reservation reservation, long actualAmount) {
        if (actualAmount < 0) {
            throw new IllegalArgumentException("actual amount must not be negative, was " + actualAmount);
        }
        close(reservation);
        Budget b = budgets.computeIfAbsent(reservation.budget(), k -> new Budget(Instant.MAX));
        synchronized (b) {
            b.reserved -= reservation.amount();
            b.spent += actualAmount;
        }
    }

    @Override
    public void release(Reservation reservation) {
        close(reservation);
        Budget b = budgets.get(reservation.budget());
        if (b != null) {
            synchronized (b) {
                b.reserved -= reservation.amount();
            }
        }
    }

    @Override
    public long spent(String budget) {
        Budget b = budgets.get(budget);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            return b.spent;
        }
    }

    private void close(Reservation reservation) {
        if (open.remove(reservation.id()) == null) {
            throw new IllegalStateException(
                    "reservation " + reservation.id() + " of " + reservation.budget() + " was already closed");
        }
    }

    // At most once a minute, so the sweep costs nothing on the per-call path.
    private void sweepExpired() {
        long now = clock.millis();
        long due = nextSweepMillis.get();
        if (now < due || !nextSweepMillis.compareAndSet(due, now + 60_000)) {
            return;
        }
        Instant instant = Instant.ofEpochMilli(now);
        budgets.entrySet().removeIf(e -> {
            Budget b = e.getValue();
            synchronized (b) {
                return !b.expiresAt.isAfter(instant) && b.reserved == 0;
            }
        });
    }
}
