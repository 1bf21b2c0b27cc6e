package dev.steward.core.audit;

import static dev.steward.core.audit.JsonLinesAuditSinkTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what the JSON-lines sink adds to a call: records per second and the p50 / p99 of {@code write} with 1, 16
 * and 64 concurrent writers, with {@code fsync} on and off, on a file in {@code target/}. Prints one table; the
 * verification of each file is its exactness check. Not part of the build:
 *
 * <pre>
 * ./mvnw -B test -pl sdk-api,sdk-core -Dtest=JsonLinesAuditSinkThroughput -Dsteward.benchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "steward.benchmark", matches = "true")
class JsonLinesAuditSinkThroughput {

    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final Duration MEASURE = Duration.ofSeconds(5);
    // latencies kept in all, spread over the writers
    private static final int MAX_SAMPLES = 4_000_000;

    @Test
    void printsRecordsPerSecondAndLatencyPerCall() throws Exception {
        Path dir = Path.of("target", "audit-throughput");
        Files.createDirectories(dir);
        System.out.printf(
                Locale.ROOT, "| fsync | writers | records/s | p50 per call | p99 per call | records verified |%n");
        System.out.printf(
                Locale.ROOT, "| ----- | ------- | --------- | ------------ | ------------ | ---------------- |%n");
        for (boolean fsync : new boolean[] {true, false}) {
            for (int writers : new int[] {1, 16, 64}) {
                Path file = dir.resolve("fsync-" + fsync + "-" + writers + ".jsonl");
                Files.deleteIfExists(file);
                run(file, fsync, writers);
            }
        }
    }

    private static void run(Path file, boolean fsync, int writers) throws Exception {
        int perThread = MAX_SAMPLES / writers;
        long[][] samples = new long[writers][];
        int[] counts = new int[writers];
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[writers];
        long written;
        long startNanos;
        long endNanos;
        try (JsonLinesAuditSink sink =
                new JsonLinesAuditSink(file, Math.max(1024, writers * 4), Duration.ofSeconds(30), fsync, 1_000_000)) {
            for (int t = 0; t < writers; t++) {
                int me = t;
                samples[me] = new long[perThread];
                threads[t] = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    int i = 0;
                    while (!stop.get()) {
                        long before = System.nanoTime();
                        sink.write(record(me * 10_000_000 + i, "adjuster" + (i % 7)));
                        long took = System.nanoTime() - before;
                        i++;
                        if (measuring.get() && counts[me] < perThread) {
                            samples[me][counts[me]++] = took;
                        }
                    }
                });
                threads[t].start();
            }
            ready.await();
            go.countDown();
            Thread.sleep(WARMUP.toMillis());
            startNanos = System.nanoTime();
            measuring.set(true);
            Thread.sleep(MEASURE.toMillis());
            measuring.set(false);
            endNanos = System.nanoTime();
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
        written = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) written];
        int at = 0;
        for (int t = 0; t < writers; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        AuditVerifier.Result result = JsonLinesAuditSink.verify(file, Optional.empty());
        assertThat(result.valid()).as(result.reason()).isTrue();
        double perSecond = written / ((endNanos - startNanos) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %,.0f | %s | %s | %,d |%n",
                fsync ? "on" : "off",
                writers,
                perSecond,
                micros(all[(int) (all.length * 0.50)]),
                micros(all[Math.min(all.length - 1, (int) (all.length * 0.99))]),
                result.records());
        Files.deleteIfExists(file);
    }

    private static String micros(long nanos) {
        return nanos >= 1_000_000
                ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
}
