package dev.steward.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Attempt;
import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditSinkTest {

    static AuditRecord record(int i, String principal) {
        return new AuditRecord(
                "id-" + i,
                Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i),
                "claims.summarize",
                "ClaimService#summarize",
                "claims.summarize",
                "v1",
                "abc",
                principal,
                "acme",
                "corr-" + i,
                "default",
                "gateway",
                "gpt-x",
                new TokenUsage(10, 20),
                Money.parse("0.0123 USD"),
                Duration.ofMillis(42),
                Outcome.SUCCEEDED,
                null,
                List.of(new Attempt("gateway", Attempt.Result.SUCCEEDED, Duration.ofMillis(40), null)),
                null,
                null,
                dev.steward.api.annotation.RiskTier.LOW,
                java.util.Set.of(dev.steward.api.annotation.DataClass.PII),
                Map.of("trace_id", "t-" + i));
    }

    @Test
    void writesEveryRecordFromManyThreadsAsOneJsonLineAndReadsThemBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit/steward.jsonl");
        int threads = 8;
        int perThread = 500;
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 64)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sink.write(record(base + i, i % 2 == 0 ? "adjuster1" : "adjuster2"));
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            sink.flush();

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(threads * perThread);
            List<String> ids = new ArrayList<>();
            lines.forEach(l -> ids.add(AuditJson.read(l).id()));
            assertThat(ids).doesNotHaveDuplicates();

            AuditRecord back = AuditJson.read(lines.get(0));
            assertThat(back.cost()).isEqualTo(Money.parse("0.0123 USD"));
            assertThat(back.attempts()).hasSize(1);
            assertThat(lines.get(0)).doesNotContain("\"reason\"");

            List<AuditRecord> found = sink.search(new AuditQuery("claims.summarize", "adjuster2", null, null, 3));
            assertThat(found)
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.principal()).isEqualTo("adjuster2"));
        }
    }

    /** A writer hook that, once armed, stalls the writer thread until released. */
    static final class Stall implements JsonLinesAuditSink.BatchHook {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeWrite(int records) throws InterruptedException {
            batchSizes.add(records);
            if (armed.get()) {
                entered.countDown();
                release.await();
            }
        }
    }

    private static List<String> ids(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(l -> AuditJson.read(l).id())
                .toList();
    }

    @Test
    void aRecordIsOnTheFileWhenWriteReturns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 16)) {
            for (int i = 0; i < 5; i++) {
                sink.write(record(i, "adjuster1"));
                // no flush(): write itself returns only after its batch is written and flushed
                assertThat(ids(file)).hasSize(i + 1).last().isEqualTo("id-" + i);
            }
        }
    }

    @Test
    @Timeout(30)
    void aWriteThatCannotCompleteFailsClosedWithinTheTimeoutAndItsRecordIsWrittenOnceTheFileRecovers(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("steward.jsonl");
        Stall stall = new Stall();
        Duration timeout = Duration.ofMillis(200);
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 16, timeout, stall)) {
            for (int i = 0; i < 3; i++) {
                sink.write(record(i, "adjuster1"));
            }
            stall.armed.set(true);

            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.write(record(3, "adjuster1")))
                    .isInstanceOf(AuditFailedException.class)
                    .hasMessageContaining("id-3")
                    .hasMessageContaining("stays queued")
                    .satisfies(e ->
                            assertThat(((AuditFailedException) e).isRetriable()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
            assertThat(stall.entered.getCount()).isZero();

            // the records written before the stall are all on the file; the refused one is not yet
            assertThat(ids(file)).containsExactly("id-0", "id-1", "id-2");

            stall.armed.set(false);
            stall.release.countDown();
            sink.flush();
            // not lost: written once the writer recovers
            assertThat(ids(file)).containsExactly("id-0", "id-1", "id-2", "id-3");
        }
    }

    @Test
    @Timeout(30)
    void aFullQueueRefusesWithinTheTimeoutInsteadOfBlocking(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        Stall stall = new Stall();
        stall.armed.set(true);
        Duration timeout = Duration.ofMillis(200);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 1, timeout, stall)) {
            Future<?> first = pool.submit(() -> sink.write(record(0, "adjuster1")));
            assertThat(stall.entered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> sink.write(record(1, "adjuster1")))
                    .isInstanceOf(AuditFailedException.class)
                    .hasMessageContaining("id-1")
                    .hasMessageContaining("refused");
            assertThatThrownBy(first::get).hasCauseInstanceOf(AuditFailedException.class);

            stall.armed.set(false);
            stall.release.countDown();
            sink.flush();
            // the record of the first call is written; the refused one never entered the queue
            assertThat(ids(file)).containsExactly("id-0");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(30)
    void callersThatArriveDuringAWriteShareTheNextBatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        Stall stall = new Stall();
        stall.armed.set(true);
        int followers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(followers + 1);
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 64, Duration.ofMinutes(1), stall)) {
            List<Future<?>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> sink.write(record(0, "adjuster1"))));
            assertThat(stall.entered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= followers; i++) {
                int n = i;
                calls.add(pool.submit(() -> sink.write(record(n, "adjuster1"))));
            }
            while (sink.pending() < followers + 1) {
                Thread.onSpinWait();
            }
            stall.armed.set(false);
            stall.release.countDown();
            for (Future<?> c : calls) {
                c.get();
            }
            assertThat(stall.batchSizes).containsExactly(1, followers);
            assertThat(ids(file)).hasSize(followers + 1).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(30)
    void closeReportsRecordsItCouldNotWriteInsteadOfDroppingThemSilently(@TempDir Path dir) throws Exception {
        Stall stall = new Stall();
        JsonLinesAuditSink sink =
                new JsonLinesAuditSink(dir.resolve("steward.jsonl"), 16, Duration.ofMillis(100), stall);
        stall.armed.set(true);
        assertThatThrownBy(() -> sink.write(record(0, "adjuster1"))).isInstanceOf(AuditFailedException.class);

        assertThatThrownBy(sink::close)
                .isInstanceOf(AuditFailedException.class)
                .hasMessageContaining("1 audit records were not written");
        assertThatThrownBy(() -> sink.write(record(1, "adjuster1")))
                .isInstanceOf(AuditFailedException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void refusesAWriteTimeoutThatIsNotPositive(@TempDir Path dir) {
        Path file = dir.resolve("steward.jsonl");
        assertThatThrownBy(() -> new JsonLinesAuditSink(file, 16, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write timeout must be positive");
        assertThatThrownBy(() -> new JsonLinesAuditSink(file, 16, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
