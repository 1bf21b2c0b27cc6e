package dev.steward.benchmarks;

import dev.steward.api.spi.BudgetLedger.Reservation;
import dev.steward.core.budget.InMemoryBudgetLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reservations per second of {@link InMemoryBudgetLedger}: each operation reserves a fixed amount and settles it in
 * full, as a governed call does. The thread count is set by the runner (1, 2, 8 and 64 in the summary). With
 * {@code budgets=one} every thread charges the same budget (one user hammering one capability, the contended case);
 * with {@code per-thread} each thread has its own. After each trial the money settled must be exactly operations
 * times amount, or the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerBenchmark {

    /** What each reservation reserves and settles. */
    public static final long AMOUNT = 46_500;

    /** The ledger, shared by every thread of the trial. */
    @State(Scope.Benchmark)
    public static class Ledger {
        /** {@code one} budget for all threads, or one {@code per-thread}. */
        @Param({"one", "per-thread"})
        public String budgets;

        InMemoryBudgetLedger ledger;
        final LongAdder operations = new LongAdder();
        final AtomicInteger threadIds = new AtomicInteger();
        final Instant expiresAt = Instant.now().plusSeconds(86_400);

        @Setup(Level.Trial)
        public void setUp() {
            ledger = new InMemoryBudgetLedger(Clock.systemUTC());
        }

        @TearDown(Level.Trial)
        public void verify() {
            long spent = 0;
            if (budgets.equals("one")) {
                spent = ledger.spent("user:alice");
            } else {
                for (int i = 0; i < threadIds.get(); i++) {
                    spent += ledger.spent("user:alice-" + i);
                }
            }
            long ops = operations.sum();
            Verification.record("ledger-" + budgets + "-" + threadIds.get(), ops, -1, -1, spent, ops * AMOUNT);
            if (spent != ops * AMOUNT) {
                throw new IllegalStateException(
                        "ledger balance is off: " + ops + " reservations of " + AMOUNT + " settled " + spent);
            }
        }
    }

    /** Each thread's budget key. */
    @State(Scope.Thread)
    public static class Caller {
        String budget;

        @Setup(Level.Trial)
        public void setUp(Ledger ledger) {
            int id = ledger.threadIds.getAndIncrement();
            budget = ledger.budgets.equals("one") ? "user:alice" : "user:alice-" + id;
        }
    }

    /**
     * Reserves and settles one amount.
     *
     * @param l the ledger
     * @param c the caller
     * @return the reservation, settled
     */
    @Benchmark
    public Reservation reserveAndSettle(Ledger l, Caller c) {
        Reservation r = l.ledger.reserve(c.budget, AMOUNT, Long.MAX_VALUE, l.expiresAt);
        if (r == null) {
            throw new IllegalStateException("the ceiling tripped; it must be out of reach");
        }
        l.ledger.settle(r, AMOUNT);
        l.operations.increment();
        return r;
    }
}
