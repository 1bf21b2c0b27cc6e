package dev.steward.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.BudgetLedger.Reservation;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link BudgetLedger} must do; each implementation's test extends this. */
public abstract class BudgetLedgerContract {

    protected abstract BudgetLedger ledger();

    private final String budget = "tenant:t-" + UUID.randomUUID() + ":cap:DAY:2026-11-23";
    private final Instant end = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void reservesWhileTheLimitHoldsAndRefusesBeyondIt() {
        BudgetLedger l = ledger();
        assertThat(l.reserve(budget, 60, 100, end)).isNotNull();
        assertThat(l.reserve(budget, 50, 100, end)).isNull();
        assertThat(l.reserve(budget, 40, 100, end)).isNotNull();
    }

    @Test
    void settlingRecordsTheRealAmountAndFreesTheRest() {
        BudgetLedger l = ledger();
        Reservation r = l.reserve(budget, 80, 100, end);
        l.settle(r, 30);
        assertThat(l.spent(budget)).isEqualTo(30);
        assertThat(l.reserve(budget, 70, 100, end)).isNotNull();
    }

    @Test
    void releasingSpendsNothing() {
        BudgetLedger l = ledger();
        l.release(l.reserve(budget, 100, 100, end));
        assertThat(l.spent(budget)).isZero();
        assertThat(l.reserve(budget, 100, 100, end)).isNotNull();
    }

    @Test
    void aReservationClosesOnlyOnce() {
        BudgetLedger l = ledger();
        Reservation r = l.reserve(budget, 10, 100, end);
        l.settle(r, 10);
        assertThatThrownBy(() -> l.release(r)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> l.settle(r, 10)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentReservationsNeverExceedTheLimit() throws Exception {
        BudgetLedger l = ledger();
        int threads = 16;
        AtomicInteger admitted = new AtomicInteger();
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                barrier.await();
                for (int i = 0; i < 200; i++) {
                    Reservation r = l.reserve(budget, 7, 1_000, end);
                    if (r != null) {
                        admitted.incrementAndGet();
                        l.settle(r, 7);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(admitted.get()).isEqualTo(1_000 / 7);
        assertThat(l.spent(budget)).isEqualTo(admitted.get() * 7L);
    }

    @Test
    void rejectsNegativeAmounts() {
        assertThatThrownBy(() -> ledger().reserve(budget, -1, 100, end)).isInstanceOf(IllegalArgumentException.class);
    }
}
