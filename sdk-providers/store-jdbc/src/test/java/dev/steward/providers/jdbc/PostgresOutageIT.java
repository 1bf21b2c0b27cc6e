package dev.steward.providers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.audit.SpoolingAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import dev.steward.providers.jdbc.TestPipeline.FixedProvider;
import dev.steward.providers.testing.FaultyProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caller sees when PostgreSQL stalls or goes away under load, through a {@link FaultyProxy} between the stores
 * and the database: by default every call either returns with its record committed or fails closed within the
 * write timeout; with a spool no call fails, and every record reaches the database once, in order, in one chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageIT {

    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    // a call may take the write timeout, plus scheduling on two shared cores, plus the spool's forced append
    static final Duration TOLERANCE = Duration.ofMillis(1_500);
    static final int THREADS = 16;
    static final Duration STALL = Duration.ofSeconds(3);
    static final Duration DROP = Duration.ofSeconds(3);

    TestDatabase db;
    FaultyProxy proxy;
    final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    void prepare() throws Exception {
        db = TestDatabase.postgres();
        db.stores().open().close();
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new FaultyProxy(db.url);
    }

    @AfterEach
    void closeAndEmpty() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
        proxy.close();
        db.execute(
                "DELETE FROM {p}audit",
                "UPDATE {p}audit_head SET seq = 0, hash = '" + dev.steward.core.audit.AuditChain.GENESIS + "'",
                "DELETE FROM {p}budget",
                "DELETE FROM {p}budget_reservation");
    }

    @AfterAll
    void dropTables() throws Exception {
        if (db != null) {
            db.drop();
        }
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Stores through the proxy, with a short write timeout. */
    JdbcStores storesThroughProxy() {
        return track(JdbcStores.builder(proxy.url(db.url), null, null)
                .tablePrefix(db.prefix)
                .auditWriteTimeout(WRITE_TIMEOUT)
                .open());
    }

    /** The record of each call, as the pipeline reports it on the calling thread just before the call ends. */
    static final class LastRecord implements StewardObserver {
        final ThreadLocal<AuditRecord> last = new ThreadLocal<>();

        @Override
        public void onCallStop(CallContext call, AuditRecord record) {
            last.set(record);
        }

        @Override
        public void onCallError(CallContext call, Throwable error, AuditRecord record) {
            last.set(record);
        }
    }

    Steward steward(AuditSink sink, LastRecord observer) {
        return track(Steward.builder()
                .config(ConfigValues.of(Map.of("steward.capability.claims.tag.max-output-tokens", "9")))
                .provider(new FixedProvider("ok", 1.0))
                .tokenCounter(new TestPipeline.CharacterCounter())
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .auditSink(sink)
                .observer(observer)
                .build());
    }

    /** What the load saw. */
    static final class Load {
        final Map<Integer, List<AuditRecord>> acknowledged = new HashMap<>();
        final List<AuditRecord> failedClosed = new ArrayList<>();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger acks = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong slowestNanos = new AtomicLong();

        Set<String> acknowledgedIds() {
            Set<String> ids = new HashSet<>();
            acknowledged.values().forEach(l -> l.forEach(r -> ids.add(r.id())));
            return ids;
        }
    }

    /**
     * Runs {@link #THREADS} callers until {@code stop} is set; each caller paces itself to a call every 5 ms, about
     * what a pipeline answering from a fast model sustains.
     */
    Thread[] startLoad(GovernedCapability cap, LastRecord observer, Load load, AtomicBoolean stop) {
        Thread[] callers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            List<AuditRecord> mine = new ArrayList<>();
            synchronized (load) {
                load.acknowledged.put(thread, mine);
            }
            CallerContext caller = new CallerContext("user" + t, Set.of("adjuster"), "acme", "corr-" + t);
            callers[t] = new Thread(
                    () -> {
                        while (!stop.get()) {
                            long start = System.nanoTime();
                            try {
                                cap.invoke(caller, new Object[0], null);
                                mine.add(observer.last.get());
                                load.acks.incrementAndGet();
                            } catch (AuditFailedException e) {
                                synchronized (load) {
                                    load.failedClosed.add(observer.last.get());
                                }
                                load.failures.incrementAndGet();
                            } catch (Throwable e) {
                                load.unexpected.add(e);
                            }
                            long took = System.nanoTime() - start;
                            load.slowestNanos.accumulateAndGet(took, Math::max);
                            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, 5_000_000 - took));
                        }
                    },
                    "caller-" + t);
            callers[t].start();
        }
        return callers;
    }

    /** Runs the load through a stall and then a drop of the database's connections, and heals. */
    void outageUnderLoad(GovernedCapability cap, LastRecord observer, Load load, Runnable duringOutage)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] callers = startLoad(cap, observer, load, stop);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.acks.get() >= 500);
            proxy.stall(STALL);
            await().atMost(STALL.plusSeconds(5)).until(() -> !proxy.faulty());
            duringOutage.run();
            proxy.drop(DROP);
            await().atMost(DROP.plusSeconds(5)).until(() -> !proxy.faulty());
            proxy.heal();
            int before = load.acks.get();
            // the load goes on until calls are acknowledged again after the outage
            await().atMost(Duration.ofSeconds(20)).until(() -> load.acks.get() >= before + 200);
        } finally {
            stop.set(true);
            for (Thread t : callers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    @Test
    @Timeout(90)
    void byDefaultEveryCallDuringAnOutageReturnsWithItsRecordCommittedOrFailsClosedWithinTheWriteTimeout()
            throws Exception {
        JdbcStores stores = storesThroughProxy();
        JdbcAuditSink sink = stores.audit();
        LastRecord observer = new LastRecord();
        GovernedCapability cap = steward(sink, observer)
                .capability(CapabilityDefinition.builder("claims.tag").build());
        Load load = new Load();
        long start = System.nanoTime();
        outageUnderLoad(
                cap, observer, load, () -> assertThat(load.failures.get()).isPositive());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(load.unexpected).isEmpty();
        assertThat(load.failures.get()).as("calls that failed closed").isPositive();
        assertThat(Duration.ofNanos(load.slowestNanos.get())).isLessThanOrEqualTo(WRITE_TIMEOUT.plus(TOLERANCE));

        Set<String> acknowledged = load.acknowledgedIds();
        Set<String> failed = new HashSet<>();
        load.failedClosed.forEach(r -> failed.add(r.id()));
        // a record that failed its call stays queued and is committed once the database is back: none is lost
        await().atMost(Duration.ofSeconds(30)).until(() -> storedIds().size() >= acknowledged.size() + failed.size());
        Map<String, Long> stored = storedSequences();
        assertThat(stored.keySet())
                .containsAll(acknowledged)
                .containsAll(failed)
                .hasSize(acknowledged.size() + failed.size());
        assertEachCallersRecordsAreInOrder(load, stored);
        AuditVerifier.Result result = sink.verify(Optional.empty());
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(stored.size());
        System.out.printf(
                "[fail closed] %.1f s, %d threads: %d calls acknowledged, %d failed closed (AuditFailedException),"
                        + " slowest call %d ms; %d records in one valid chain%n",
                seconds,
                THREADS,
                acknowledged.size(),
                failed.size(),
                TimeUnit.NANOSECONDS.toMillis(load.slowestNanos.get()),
                result.records());
    }

    @Test
    @Timeout(120)
    void withASpoolNoCallFailsDuringAnOutageAndEveryRecordReachesTheDatabaseOnceInOrderInOneChain() throws Exception {
        JdbcStores stores = storesThroughProxy();
        JdbcAuditSink sink = stores.audit();
        Path spoolDir = dir.resolve("spool");
        SpoolingAuditSink spool = track(new SpoolingAuditSink(sink, spoolDir, 1_000_000, Duration.ofMillis(200)));
        LastRecord observer = new LastRecord();
        GovernedCapability cap = steward(spool, observer)
                .capability(CapabilityDefinition.builder("claims.tag").build());
        Load load = new Load();
        long start = System.nanoTime();
        AtomicLong spooledAtPeak = new AtomicLong();
        outageUnderLoad(cap, observer, load, () -> assertThat(spool.spooled()).isPositive());
        double seconds = (System.nanoTime() - start) / 1e9;
        spooledAtPeak.set(spool.spooled());
        long healed = System.nanoTime();

        assertThat(load.unexpected).isEmpty();
        assertThat(load.failures.get()).as("calls that failed").isZero();
        assertThat(spool.spooledTotal()).isPositive();
        assertThat(Duration.ofNanos(load.slowestNanos.get())).isLessThanOrEqualTo(WRITE_TIMEOUT.plus(TOLERANCE));

        await().atMost(Duration.ofSeconds(60)).until(() -> spool.spooled() == 0);
        double replaySeconds = (System.nanoTime() - healed) / 1e9;
        Set<String> acknowledged = load.acknowledgedIds();
        Map<String, Long> stored = storedSequences();
        assertThat(stored.keySet()).isEqualTo(acknowledged);
        assertEachCallersRecordsAreInOrder(load, stored);
        AuditVerifier.Result result = sink.verify(Optional.empty());
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(acknowledged.size());
        assertThat(Files.size(spoolDir.resolve("records.jsonl"))).isZero();
        System.out.printf(
                "[spool] %.1f s, %d threads: %d calls acknowledged, 0 failed, %d spooled during the outage"
                        + " (%d still spooled when the load stopped), replayed in %.1f s; slowest call %d ms;"
                        + " %d records in one valid chain%n",
                seconds,
                THREADS,
                acknowledged.size(),
                spool.spooledTotal(),
                spooledAtPeak.get(),
                replaySeconds,
                TimeUnit.NANOSECONDS.toMillis(load.slowestNanos.get()),
                result.records());
    }

    @Test
    @Timeout(60)
    void aBudgetOnADatabaseThatStallsFailsTheCallWithinABoundedTime() throws Exception {
        JdbcStores stores = storesThroughProxy();
        LastRecord observer = new LastRecord();
        Steward steward = track(Steward.builder()
                .config(ConfigValues.of(Map.of("steward.capability.claims.tag.max-output-tokens", "9")))
                .provider(new FixedProvider("ok", 1.0))
                .tokenCounter(new TestPipeline.CharacterCounter())
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .budgetLedger(stores.budgets())
                .approvalStore(stores.approvals())
                .auditSink(new InMemoryAuditSink(100))
                .observer(observer)
                .build());
        GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.tag")
                .ceiling(new CapabilityDefinition.Ceiling(
                        "", "", "1000000 tokens", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                .build());
        CallerContext caller = new CallerContext("user", Set.of("adjuster"), "acme", "corr");
        assertThat(cap.invoke(caller, new Object[0], null)).isEqualTo("ok");

        Duration bound =
                JdbcStores.networkTimeout(WRITE_TIMEOUT).plus(WRITE_TIMEOUT).plus(TOLERANCE);
        for (Runnable fault : List.<Runnable>of(
                () -> proxy.stall(Duration.ofSeconds(30)), () -> proxy.drop(Duration.ofSeconds(30)))) {
            fault.run();
            long start = System.nanoTime();
            assertThatThrownBy(() -> cap.invoke(caller, new Object[0], null))
                    .isInstanceOf(dev.steward.api.StoreUnavailableException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThanOrEqualTo(bound);
            CountDownLatch pending = new CountDownLatch(1);
            Thread approver = new Thread(() -> {
                try {
                    steward.approvals().pending(new CallerContext("s", Set.of("supervisor"), "acme", "c"));
                } catch (RuntimeException expected) {
                    // unreachable: what matters is that it returns
                }
                pending.countDown();
            });
            approver.setDaemon(true);
            approver.start();
            assertThat(pending.await(bound.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the approval store answers or fails within " + bound)
                    .isTrue();
            proxy.heal();
            proxy.dropAll();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> cap.invoke(caller, new Object[0], null).equals("ok"));
        }
    }

    private static void assertEachCallersRecordsAreInOrder(Load load, Map<String, Long> stored) {
        load.acknowledged.forEach((thread, records) -> {
            List<Long> sequences = records.stream().map(r -> stored.get(r.id())).toList();
            assertThat(sequences).as("sequences of caller " + thread).isSorted();
        });
    }

    private Set<String> storedIds() throws Exception {
        return storedSequences().keySet();
    }

    private Map<String, Long> storedSequences() throws Exception {
        Map<String, Long> seqById = new HashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, seq FROM " + db.prefix + "audit")) {
            while (rs.next()) {
                assertThat(seqById.put(rs.getString(1), rs.getLong(2)))
                        .as("record " + rs.getString(1) + " stored once")
                        .isNull();
            }
        }
        return seqById;
    }
}
