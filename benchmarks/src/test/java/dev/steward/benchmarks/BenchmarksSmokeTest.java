package dev.steward.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark body a few times, outside JMH, so that the build proves they still work and that their
 * end-of-run checks hold; it measures nothing.
 */
class BenchmarksSmokeTest {

    @Test
    void governedCallsAreAuditedOnceAndChargedExactly() throws Exception {
        OverheadBenchmark benchmark = new OverheadBenchmark();
        OverheadBenchmark.Governed governed = new OverheadBenchmark.Governed();
        OverheadBenchmark.GovernedInline inline = new OverheadBenchmark.GovernedInline();
        OverheadBenchmark.Raw raw = new OverheadBenchmark.Raw();
        governed.setUp();
        inline.setUp();
        raw.setUp();
        for (int i = 0; i < 200; i++) {
            assertThat(benchmark.governed(governed)).isEqualTo(InstantChatModel.ANSWER);
            assertThat(benchmark.governedInline(inline)).isEqualTo(InstantChatModel.ANSWER);
            assertThat(benchmark.raw(raw)).isEqualTo(InstantChatModel.ANSWER);
        }
        // the tear-downs count audit lines and the ledger's balance, and throw when either is off
        governed.tearDown();
        inline.tearDown();
        assertThat(governed.calls).isEqualTo(200);
    }

    @Test
    void callsWithOpenTelemetryOnAreAuditedOnceChargedExactlyAndTraced() throws Exception {
        OverheadBenchmark benchmark = new OverheadBenchmark();
        OverheadBenchmark.GovernedOtel governed = new OverheadBenchmark.GovernedOtel();
        OverheadBenchmark.GovernedInlineOtel inline = new OverheadBenchmark.GovernedInlineOtel();
        governed.setUp();
        inline.setUp();
        for (int i = 0; i < 100; i++) {
            assertThat(benchmark.governedOtel(governed)).isEqualTo(InstantChatModel.ANSWER);
            assertThat(benchmark.governedInlineOtel(inline)).isEqualTo(InstantChatModel.ANSWER);
        }
        governed.tearDown();
        inline.tearDown();
        // closing the SDK flushes the batch processor: a call span and a try span per call
        assertThat(governed.telemetry.exportedSpans()).isEqualTo(200);
        assertThat(inline.telemetry.exportedSpans()).isEqualTo(200);
    }

    @Test
    void callsThroughTheCdiInterceptorAreAuditedOnceAndChargedExactly() throws Exception {
        CdiOverheadBenchmark benchmark = new CdiOverheadBenchmark();
        CdiOverheadBenchmark.Container container = new CdiOverheadBenchmark.Container();
        container.providerTimeout = "0s";
        container.setUp();
        for (int i = 0; i < 100; i++) {
            assertThat(benchmark.cdi(container)).isEqualTo(InstantChatModel.ANSWER);
        }
        // the tear-down counts audit lines, CDI audit events and the ledger's balance, and throws when one is off
        container.tearDown();
        assertThat(container.calls).isEqualTo(100);
    }

    @Test
    void ledgerBalanceIsExactAfterReservations() throws Exception {
        LedgerBenchmark benchmark = new LedgerBenchmark();
        for (String budgets : new String[] {"one", "per-thread"}) {
            LedgerBenchmark.Ledger ledger = new LedgerBenchmark.Ledger();
            ledger.budgets = budgets;
            ledger.store = "memory";
            ledger.setUp();
            LedgerBenchmark.Caller first = new LedgerBenchmark.Caller();
            LedgerBenchmark.Caller second = new LedgerBenchmark.Caller();
            first.setUp(ledger);
            second.setUp(ledger);
            for (int i = 0; i < 1_000; i++) {
                benchmark.reserveAndSettle(ledger, i % 2 == 0 ? first : second);
            }
            ledger.verify();
            assertThat(ledger.operations.sum()).isEqualTo(1_000);
        }
    }

    @Test
    void everyDurableAuditWriteIsStoredOnceAndTimed() throws Exception {
        // the file sink only: the PostgreSQL rows need the local server, which the build does not
        AuditThroughput.Result r = AuditThroughput.run(
                "jsonl", new AuditThroughput.Settings(4, Duration.ofMillis(100), Duration.ofMillis(300)));

        assertThat(r.failures()).isZero();
        assertThat(r.measured()).isPositive();
        assertThat(r.stored()).isEqualTo(r.written());
        assertThat(r.exact()).isTrue();
        assertThat(r.p99Nanos()).isGreaterThanOrEqualTo(r.p50Nanos()).isPositive();
    }

    @Test
    void loadRunWritesOneAuditLinePerCall() throws Exception {
        LoadDriver.Settings small = new LoadDriver.Settings(
                20, 40, Duration.ofMillis(5), Duration.ofMillis(200), 300, Duration.ofSeconds(20));

        LoadDriver.Result raw = LoadDriver.run(small, null);
        LoadDriver.Result governed = LoadDriver.run(small, "30s");

        assertThat(raw.failures()).isZero();
        assertThat(raw.measuredCalls()).isEqualTo(300);
        assertThat(governed.failures()).isZero();
        assertThat(governed.measuredCalls()).isEqualTo(300);
        assertThat(governed.auditLines()).isEqualTo(governed.totalCalls());
        assertThat(governed.listenerRecords()).isEqualTo(governed.totalCalls());
        assertThat(governed.spentMicros()).isEqualTo(governed.totalCalls() * StewardFixture.costPerCallMicros());
        assertThat(governed.serverRequests()).isEqualTo(governed.totalCalls());
        assertThat(governed.p99Nanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(5).toNanos());
    }
}
