package dev.steward.benchmarks;

import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.audit.JsonLinesAuditSink;
import dev.steward.providers.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Durable audit under concurrency: a fixed number of callers (platform threads) each write one audit record after
 * another to a sink, in a closed loop, as governed calls do once their answer is ready. {@link AuditSink#write}
 * returns only when the record is stored (committed to the database, or written and flushed to the file), so its
 * time is the latency that durable audit adds to each call, and records stored per second is the sink's throughput.
 * Each run gets a fresh sink (a fresh table prefix on PostgreSQL, a fresh file), and after it the store is read back:
 * the JDBC chain must verify and hold exactly the records written, the file must have one line per record.
 */
public final class AuditThroughput {

    /** The PostgreSQL the {@code postgres} sink writes to; overridden with {@code -Dsteward.bench.postgres.url}. */
    public static final String POSTGRES_URL =
            System.getProperty("steward.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /**
     * What to run.
     *
     * @param callers concurrent callers
     * @param warmup how long they write before measuring
     * @param measure how long the measurement lasts
     */
    public record Settings(int callers, Duration warmup, Duration measure) {}

    /**
     * What one run measured.
     *
     * @param sink which sink
     * @param callers concurrent callers
     * @param measured records written in the measurement window
     * @param seconds the measurement window
     * @param p50Nanos median time of one write
     * @param p99Nanos 99th percentile time of one write
     * @param maxNanos longest write
     * @param failures writes that threw
     * @param written records written in all, warm-up included
     * @param stored records found in the store afterwards
     * @param check what the read-back found, in words
     */
    public record Result(
            String sink,
            int callers,
            long measured,
            double seconds,
            long p50Nanos,
            long p99Nanos,
            long maxNanos,
            long failures,
            long written,
            long stored,
            String check) {

        /**
         * Records stored per second in the measurement window.
         *
         * @return records per second
         */
        public double perSecond() {
            return seconds <= 0 ? 0 : measured / seconds;
        }

        /**
         * Whether every record written is stored, once, in a valid log, and no write failed.
         *
         * @return {@code true} when so
         */
        public boolean exact() {
            return failures == 0 && stored == written && check.startsWith("valid");
        }
    }

    /** A sink under test and how to read back what it stored. */
    private interface Target extends AutoCloseable {
        AuditSink sink();

        /** Closes the sink and counts what it stored; {@code check} explains. */
        long readBack(StringBuilder check) throws Exception;

        @Override
        void close() throws Exception;
    }

    private AuditThroughput() {}

    /**
     * Why the local PostgreSQL cannot be used, or empty when it answers.
     *
     * @return the reason it is skipped
     */
    public static Optional<String> postgresUnavailable() {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(
                    "PostgreSQL at " + withoutParameters(POSTGRES_URL) + " did not answer: " + e.getMessage());
        }
    }

    /**
     * Runs the callers against a fresh sink and reads back what it stored.
     *
     * @param sink {@code postgres} (the JDBC sink) or {@code jsonl} (the JSON-lines file sink)
     * @param s the settings
     * @return what was measured
     * @throws Exception if the sink cannot be opened or read back
     */
    public static Result run(String sink, Settings s) throws Exception {
        try (Target target = open(sink)) {
            return drive(sink, target, s);
        }
    }

    private static Target open(String sink) throws IOException {
        return switch (sink) {
            case "postgres" -> postgres();
            case "jsonl" -> jsonl();
            default -> throw new IllegalArgumentException("no audit sink named " + sink + "; postgres or jsonl");
        };
    }

    private static Target postgres() {
        String prefix = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        JdbcStores stores = JdbcStores.builder(POSTGRES_URL, null, null)
                .tablePrefix(prefix)
                .migrate(true)
                .checkpointEvery(0)
                .open();
        return new Target() {
            @Override
            public AuditSink sink() {
                return stores.audit();
            }

            @Override
            public long readBack(StringBuilder check) {
                AuditVerifier.Result r = stores.audit().verify(Optional.empty());
                check.append(r.valid() ? "valid chain" : "INVALID chain: " + r.reason());
                return r.records();
            }

            @Override
            public void close() throws SQLException {
                stores.close();
                try (Connection c = DriverManager.getConnection(POSTGRES_URL);
                        Statement st = c.createStatement()) {
                    for (String table : List.of(
                            "audit", "audit_head", "budget", "budget_reservation", "approval", "schema_version")) {
                        st.execute("DROP TABLE IF EXISTS " + prefix + table);
                    }
                }
            }
        };
    }

    private static Target jsonl() throws IOException {
        Path dir = Files.createTempDirectory("steward-audit-bench-");
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 10_000);
        return new Target() {
            @Override
            public AuditSink sink() {
                return sink;
            }

            @Override
            public long readBack(StringBuilder check) throws IOException, InterruptedException {
                sink.close();
                try (Stream<String> lines = Files.lines(file)) {
                    check.append("valid file");
                    return lines.count();
                }
            }

            @Override
            public void close() throws IOException, InterruptedException {
                sink.close();
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        };
    }

    private static final int WARMUP = 1;
    private static final int MEASURE = 2;
    private static final int STOP = 3;

    private static Result drive(String label, Target target, Settings s) throws Exception {
        AuditSink sink = target.sink();
        AtomicInteger phase = new AtomicInteger(WARMUP);
        LongAdder written = new LongAdder();
        LongAdder measured = new LongAdder();
        LongAdder failures = new LongAdder();
        long[][] latencies = new long[s.callers()][];
        int[] counts = new int[s.callers()];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] callers = new Thread[s.callers()];
        for (int i = 0; i < s.callers(); i++) {
            int id = i;
            callers[i] = new Thread(
                    () -> {
                        long[] mine = new long[1 << 16];
                        int n = 0;
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        int p;
                        while ((p = phase.get()) != STOP) {
                            AuditRecord r = record(id);
                            long t0 = System.nanoTime();
                            try {
                                sink.write(r);
                            } catch (RuntimeException e) {
                                failures.increment();
                            }
                            long t = System.nanoTime() - t0;
                            written.increment();
                            // a write that began in the warm-up and ended in the window is not counted
                            if (p == MEASURE && phase.get() == MEASURE) {
                                measured.increment();
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = t;
                            }
                        }
                        latencies[id] = mine;
                        counts[id] = n;
                    },
                    "audit-caller-" + i);
            callers[i].setDaemon(true);
            callers[i].start();
        }
        start.countDown();
        Thread.sleep(s.warmup().toMillis());
        phase.set(MEASURE);
        long t0 = System.nanoTime();
        Thread.sleep(s.measure().toMillis());
        phase.set(STOP);
        long window = System.nanoTime() - t0;
        for (Thread t : callers) {
            t.join(Duration.ofMinutes(1).toMillis());
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " still writes a minute after the run ended");
            }
        }
        long[] all = merge(latencies, counts);
        Arrays.sort(all);
        StringBuilder check = new StringBuilder();
        long stored = target.readBack(check);
        return new Result(
                label,
                s.callers(),
                measured.sum(),
                window / 1e9,
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1],
                failures.sum(),
                written.sum(),
                stored,
                check.toString());
    }

    // A record as a governed call leaves it: every indexed column filled, token usage, cost and one tag.
    static AuditRecord record(int caller) {
        return new AuditRecord(
                UUID.randomUUID().toString(),
                Instant.now(),
                "claims.summarize",
                "ClaimsAssistant#summarize",
                "claims.summarize",
                "v3",
                "9f2c1e",
                "user-" + caller,
                "acme",
                "corr-" + caller,
                "default",
                "openai",
                "gpt-4o-mini",
                new TokenUsage(412, 96),
                new Money(46_500, "USD"),
                Duration.ofMillis(870),
                Outcome.SUCCEEDED,
                null,
                List.of(),
                null,
                null,
                null,
                Set.of(),
                Map.of("trace", "4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    private static long[] merge(long[][] latencies, int[] counts) {
        int size = 0;
        for (int c : counts) {
            size += c;
        }
        long[] all = new long[size];
        int at = 0;
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] != null) {
                System.arraycopy(latencies[i], 0, all, at, counts[i]);
                at += counts[i];
            }
        }
        return all;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String withoutParameters(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
