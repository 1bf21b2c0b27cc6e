package dev.steward.benchmarks;

import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.BudgetLedger.Reservation;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.providers.jdbc.JdbcStores;
import dev.steward.providers.redis.RedisBudgetLedger;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reservations per second of a budget ledger: each operation reserves a fixed amount and settles it in full, as a
 * governed call does. {@code store} picks the ledger: {@code memory} ({@link InMemoryBudgetLedger}), {@code redis}
 * ({@link RedisBudgetLedger} on the local Redis, a key prefix of its own per trial, deleted after it) or
 * {@code postgres} ({@code JdbcBudgetLedger} on the local PostgreSQL, a table prefix of its own per trial, dropped
 * after it); the summary runs the services only when they answer ({@link #unavailable}). The thread count is set by
 * the runner (1, 2, 8 and 64 in the summary). With
 * {@code budgets=one} every thread charges the same budget (one user hammering one capability, the contended case);
 * with {@code per-thread} each thread has its own. After each trial the money settled must be exactly operations
 * times amount, or the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerBenchmark {

    /** What each reservation reserves and settles. */
    public static final long AMOUNT = 46_500;

    /** The local Redis; overridden with {@code -Dsteward.bench.redis.url}. */
    public static final String REDIS_URL = System.getProperty("steward.bench.redis.url", "redis://127.0.0.1:6379");

    /**
     * Why a store's service cannot be used, or empty when it answers (always for {@code memory}).
     *
     * @param store {@code memory}, {@code redis} or {@code postgres}
     * @return the reason it is skipped
     */
    public static Optional<String> unavailable(String store) {
        return switch (store) {
            case "memory" -> Optional.empty();
            case "postgres" -> AuditThroughput.postgresUnavailable();
            case "redis" -> {
                try (RedisClient client = RedisClient.create(URI.create(REDIS_URL))) {
                    client.ping();
                    yield Optional.empty();
                } catch (RuntimeException e) {
                    yield Optional.of("Redis at " + REDIS_URL + " did not answer: " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("no ledger store named " + store);
        };
    }

    /** The ledger, shared by every thread of the trial. */
    @State(Scope.Benchmark)
    public static class Ledger {
        /** {@code one} budget for all threads, or one {@code per-thread}. */
        @Param({"one", "per-thread"})
        public String budgets;

        /** {@code memory}, {@code redis} or {@code postgres}. */
        @Param({"memory"})
        public String store;

        BudgetLedger ledger;
        final LongAdder operations = new LongAdder();
        final AtomicInteger threadIds = new AtomicInteger();
        final Instant expiresAt = Instant.now().plusSeconds(86_400);
        private final String prefix =
                "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        private RedisClient redis;
        private JdbcStores jdbc;

        @Setup(Level.Trial)
        public void setUp() {
            ledger = switch (store) {
                case "memory" -> new InMemoryBudgetLedger(Clock.systemUTC());
                case "redis" -> {
                    redis = RedisClient.create(URI.create(REDIS_URL));
                    yield new RedisBudgetLedger(redis, "steward-bench:" + prefix);
                }
                case "postgres" -> {
                    jdbc = JdbcStores.builder(AuditThroughput.POSTGRES_URL, null, null)
                            .tablePrefix(prefix)
                            .migrate(true)
                            .open();
                    yield jdbc.budgets();
                }
                default -> throw new IllegalArgumentException("no ledger store named " + store);
            };
        }

        @TearDown(Level.Trial)
        public void verify() throws SQLException {
            try {
                check();
            } finally {
                cleanUp();
            }
        }

        private void cleanUp() throws SQLException {
            if (redis != null) {
                List<String> keys = new ArrayList<>();
                ScanParams match =
                        new ScanParams().match("steward-bench:" + prefix + "*").count(1_000);
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = redis.scan(cursor, match);
                    keys.addAll(page.getResult());
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
                for (int i = 0; i < keys.size(); i += 1_000) {
                    redis.del(keys.subList(i, Math.min(keys.size(), i + 1_000)).toArray(String[]::new));
                }
                redis.close();
            }
            if (jdbc != null) {
                jdbc.close();
                try (Connection c = DriverManager.getConnection(AuditThroughput.POSTGRES_URL);
                        Statement st = c.createStatement()) {
                    for (String table : List.of(
                            "audit", "audit_head", "budget", "budget_reservation", "approval", "schema_version")) {
                        st.execute("DROP TABLE IF EXISTS " + prefix + table);
                    }
                }
            }
        }

        private void check() {
            long spent = 0;
            if (budgets.equals("one")) {
                spent = ledger.spent("user:alice");
            } else {
                for (int i = 0; i < threadIds.get(); i++) {
                    spent += ledger.spent("user:alice-" + i);
                }
            }
            long ops = operations.sum();
            Verification.record(
                    "ledger-" + store + "-" + budgets + "-" + threadIds.get(), ops, -1, -1, spent, ops * AMOUNT);
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
