package dev.steward.providers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CallerContext;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditChain;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.jdbc.TestPipeline.FixedProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the JDBC stores promise on every supported database; one subclass per database. Each test class works on
 * tables of its own prefix, and each test empties them first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoresContract {

    static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1");
    static final CallerContext SUPERVISOR = new CallerContext("supervisor1", Set.of("supervisor"), "acme", "corr-2");
    static final CallerContext SUPERVISOR2 = new CallerContext("supervisor2", Set.of("supervisor"), "acme", "corr-3");

    /** The database, reachable, or the test is skipped with the reason (failed under CI=true). */
    abstract TestDatabase database();

    TestDatabase db;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    void prepare() throws Exception {
        db = database();
        db.stores().open().close();
    }

    @AfterEach
    void closeAndEmpty() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
        db.execute(
                "DELETE FROM {p}audit",
                "UPDATE {p}audit_head SET seq = 0, hash = '" + AuditChain.GENESIS + "'",
                "DELETE FROM {p}budget",
                "DELETE FROM {p}budget_reservation",
                "DELETE FROM {p}approval",
                "DELETE FROM {p}capture");
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

    JdbcStores open() {
        return track(db.stores().open());
    }

    JdbcStores open(Duration auditWriteTimeout) {
        return track(db.stores().auditWriteTimeout(auditWriteTimeout).open());
    }

    Steward steward(JdbcStores stores, FixedProvider provider) {
        return track(build(stores, provider));
    }

    static Steward build(JdbcStores stores, FixedProvider provider) {
        return (Steward.builder()
                .config(ConfigValues.of(Map.of("steward.capability.claims.tag.max-output-tokens", "9")))
                .provider(provider)
                .tokenCounter(new TestPipeline.CharacterCounter())
                .promptRegistry(new InMemoryPromptRegistry()
                        .put("claims.tag", "v1", "x")
                        .put("claims.letter", "v1", "Letter"))
                .budgetLedger(stores.budgets())
                .approvalStore(stores.approvals())
                .auditSink(new InMemoryAuditSink(100_000))
                .build());
    }

    // ---- captures ----

    @Test
    void capturesACallUnderItsAuditRecordIdAndPurgesItOnceTheRetentionPeriodHasPassed() {
        JdbcStores stores = open();
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        Steward steward = track(Steward.builder()
                .config(ConfigValues.of(
                        Map.of("steward.capability.claims.tag.capture", "full", "steward.capture.retention", "1d")))
                .provider(new FixedProvider("ok", 1.0))
                .clock(clock)
                .discoverExtensions(false)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "Tag this claim"))
                .auditSink(audit)
                .captureStore(stores.captures())
                .build());
        GovernedCapability tag =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());

        tag.invoke(ADJUSTER, new Object[0], null);
        String first = audit.records().get(0).id();
        assertThat(stores.captures().find(first)).hasValueSatisfying(c -> {
            assertThat(c.prompt()).endsWith("Tag this claim");
            assertThat(c.answer()).isEqualTo("ok");
            assertThat(c.capability()).isEqualTo("claims.tag");
        });

        now.set(now.get().plus(Duration.ofDays(1)).plusSeconds(1));
        tag.invoke(ADJUSTER, new Object[0], null);
        String second = audit.records().get(1).id();

        assertThat(stores.captures().find(first)).isEmpty();
        assertThat(stores.captures().find(second)).isPresent();
    }

    // ---- budgets ----

    @Test
    void sixtyFourCallersOnTwoStewardsNeverOverspendOneCeilingAndAdmitExactlyWhatFits() throws Exception {
        // each call estimates 1 input + 9 output tokens and settles exactly that: 10 tokens
        long ceiling = 5_005;
        int threads = 64;
        int callsPerThread = 40;
        FixedProvider provider = new FixedProvider("ok", 1.0);
        List<GovernedCapability> nodes = new ArrayList<>();
        JdbcStores first = open();
        for (JdbcStores stores : List.of(first, open())) {
            nodes.add(steward(stores, provider)
                    .capability(CapabilityDefinition.builder("claims.tag")
                            .ceiling(new CapabilityDefinition.Ceiling(
                                    "",
                                    "",
                                    ceiling + " tokens",
                                    CostCeiling.Period.DAY,
                                    CostCeiling.OnExceeded.REJECT,
                                    ""))
                            .build()));
        }
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        runConcurrently(threads, t -> {
            GovernedCapability node = nodes.get(t % 2);
            for (int i = 0; i < callsPerThread; i++) {
                try {
                    node.invoke(ADJUSTER, new Object[0], null);
                    admitted.incrementAndGet();
                } catch (BudgetExceededException e) {
                    rejected.incrementAndGet();
                }
            }
        });

        String budget = "tenant:acme:claims.tag:DAY:" + LocalDate.now(ZoneOffset.UTC);
        assertThat(admitted.get()).isEqualTo((int) (ceiling / 10));
        assertThat(first.budgets().spent(budget))
                .isEqualTo(admitted.get() * 10L)
                .isLessThanOrEqualTo(ceiling);
        assertThat(rejected.get()).isEqualTo(threads * callsPerThread - admitted.get());
        assertThat(provider.calls.get()).isEqualTo(admitted.get());
        assertThat(count("budget_reservation")).isZero();
    }

    @Test
    void aReservationClosesOnceEvenWhenTwoNodesCloseItAtOnce() throws Exception {
        JdbcBudgetLedger a = open().budgets();
        JdbcBudgetLedger b = open().budgets();
        Instant end = Instant.parse("2100-01-01T00:00:00Z");
        for (int round = 0; round < 20; round++) {
            var r = a.reserve("k", 10, 1_000, end);
            AtomicInteger closed = new AtomicInteger();
            runConcurrently(2, t -> {
                try {
                    if (t == 0) {
                        a.settle(r, 10);
                    } else {
                        b.release(r);
                    }
                    closed.incrementAndGet();
                } catch (IllegalStateException alreadyClosed) {
                    // the other node closed it first
                }
            });
            assertThat(closed.get()).isEqualTo(1);
        }
        assertThat(a.reserve("k", 1_000 - a.spent("k"), 1_000, end)).isNotNull();
        assertThat(a.reserve("k", 1, 1_000, end)).isNull();
    }

    @Test
    void expiredBudgetsAreDeletedADayAfterTheirWindow() throws Exception {
        JdbcBudgetLedger ledger = open().budgets();
        Instant now = Instant.now();
        ledger.reserve("old", 5, 10, now.minus(Duration.ofDays(2)));
        ledger.settle(ledger.reserve("recent", 5, 10, now.minus(Duration.ofHours(1))), 5);
        assertThat(ledger.deleteExpired()).isEqualTo(2);
        assertThat(ledger.spent("recent")).isEqualTo(5);
        assertThat(ledger.spent("old")).isZero();
    }

    @Test
    void theLedgerDeletesExpiredBudgetsOnAReservationAtMostOnceAnHour() throws Exception {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        MovableClock clock = new MovableClock(start);
        JdbcBudgetLedger ledger = track(db.stores().clock(clock).open()).budgets();
        ledger.reserve("first", 1, 10, start.plus(Duration.ofDays(1)));
        ledger.reserve("old", 1, 10, start.minus(Duration.ofDays(2)));

        clock.set(start.plus(Duration.ofMinutes(59)));
        ledger.reserve("second", 1, 10, start.plus(Duration.ofDays(1)));
        assertThat(budgetRows("old")).isEqualTo(1);

        clock.set(start.plus(Duration.ofHours(1)));
        ledger.reserve("third", 1, 10, start.plus(Duration.ofDays(1)));
        assertThat(budgetRows("old")).isZero();
        assertThat(budgetRows("first")).isEqualTo(1);

        ledger.reserve("old-again", 1, 10, start.minus(Duration.ofDays(2)));
        clock.set(start.plus(Duration.ofMinutes(119)));
        ledger.reserve("fourth", 1, 10, start.plus(Duration.ofDays(1)));
        assertThat(budgetRows("old-again")).isEqualTo(1);
        clock.set(start.plus(Duration.ofHours(2)));
        ledger.reserve("fifth", 1, 10, start.plus(Duration.ofDays(1)));
        assertThat(budgetRows("old-again")).isZero();
    }

    private long budgetRows(String key) throws Exception {
        try (Connection c = db.connect();
                var ps = c.prepareStatement("SELECT COUNT(*) FROM " + db.prefix + "budget WHERE budget_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A clock that a test moves. */
    static final class MovableClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new java.util.concurrent.atomic.AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    // ---- approvals ----

    @Test
    void twoNodesDecidingOneRequestAtOnceHaveExactlyOneWinner() throws Exception {
        JdbcApprovalStore a = open().approvals();
        JdbcApprovalStore b = open().approvals();
        for (int round = 0; round < 20; round++) {
            ApprovalRequest pending = request("race-" + round);
            a.create(pending);
            AtomicInteger wins = new AtomicInteger();
            List<String> winners = new ArrayList<>();
            runConcurrently(2, t -> {
                JdbcApprovalStore node = t == 0 ? a : b;
                ApprovalStatus decision = t == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
                String approver = "approver" + t;
                if (node.compareAndSet(
                        pending.decide(decision, approver, Instant.now(), "node " + t), ApprovalStatus.PENDING)) {
                    wins.incrementAndGet();
                    synchronized (winners) {
                        winners.add(approver);
                    }
                }
            });
            assertThat(wins.get()).isEqualTo(1);
            ApprovalRequest stored = b.find(pending.id()).orElseThrow();
            assertThat(stored.decidedBy()).isEqualTo(winners.get(0));
            assertThat(stored.status())
                    .isEqualTo(winners.get(0).equals("approver0") ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED);
        }
    }

    @Test
    void twoStewardsApprovingOneHeldAnswerAtOnceHaveExactlyOneWinner() throws Exception {
        FixedProvider provider = new FixedProvider("Dear customer", 0.5);
        Steward one = steward(open(), provider);
        Steward two = steward(open(), provider);
        String id = requestLetter(one);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        runConcurrently(2, t -> {
            try {
                (t == 0 ? one : two).approvals().approve(id, t == 0 ? SUPERVISOR : SUPERVISOR2, "fine");
                wins.incrementAndGet();
            } catch (RuntimeException alreadyDecided) {
                refused.incrementAndGet();
            }
        });
        assertThat(wins.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(1);
        assertThat(one.approvals().result(id)).isEqualTo("Dear customer");
    }

    @Test
    void aPendingRequestAndAnApprovedAnswerSurviveClosingAndReopeningTheStore() throws Exception {
        FixedProvider provider = new FixedProvider("Dear customer", 0.5);
        JdbcStores before = db.stores().open();
        String pendingId;
        String approvedId;
        try (Steward steward = build(before, provider)) {
            pendingId = requestLetter(steward);
            approvedId = requestLetter(steward);
            steward.approvals().approve(approvedId, SUPERVISOR, "reads well");
        } finally {
            before.close();
        }

        try (JdbcStores after = db.stores().open();
                Steward steward = build(after, new FixedProvider("never asked", 0.5))) {
            assertThat(steward.approvals().pending(SUPERVISOR))
                    .extracting(ApprovalRequest::id)
                    .containsExactly(pendingId);
            assertThat(steward.approvals().result(approvedId)).isEqualTo("Dear customer");
            ApprovalRequest approved = after.approvals().find(approvedId).orElseThrow();
            assertThat(approved.decidedBy()).isEqualTo("supervisor1");
            assertThat(approved.reason()).isEqualTo("reads well");
            assertThat(approved.requester()).isEqualTo(ADJUSTER);
            assertThat(approved.confidence()).hasValue(0.5);
            steward.approvals().approve(pendingId, SUPERVISOR, "ok after restart");
            assertThat(steward.approvals().result(pendingId)).isEqualTo("Dear customer");
        }
    }

    @Test
    void aRequestRoundTripsExactlyAndADuplicateIdIsRefused() {
        JdbcApprovalStore store = open().approvals();
        ApprovalRequest r = request("exact");
        store.create(r);
        assertThat(store.find("exact")).contains(r);
        assertThat(store.find("missing")).isEmpty();
        assertThatThrownBy(() -> store.create(r)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.pending(Set.of("clerk"))).isEmpty();
        assertThat(store.pending(Set.of())).isEmpty();
    }

    @Test
    void pendingRequestsAreListedOldestFirstWhateverTheirIdsAndInsertionOrder() {
        JdbcApprovalStore store = open().approvals();
        Instant oldest = Instant.parse("2026-11-23T09:59:59.999999999Z");
        store.create(requestAt("a-newest", oldest.plusSeconds(3600)));
        store.create(requestAt("b-oldest", oldest));
        store.create(requestAt("c-middle", oldest.plusNanos(1)));
        ApprovalRequest decided = requestAt("d-decided", oldest.minusSeconds(60));
        store.create(decided);
        assertThat(store.compareAndSet(
                        decided.decide(ApprovalStatus.APPROVED, "supervisor1", Instant.now(), "ok"),
                        ApprovalStatus.PENDING))
                .isTrue();

        assertThat(store.pending(Set.of("supervisor")))
                .extracting(ApprovalRequest::id)
                .containsExactly("b-oldest", "c-middle", "a-newest");
    }

    private static ApprovalRequest requestAt(String id, Instant createdAt) {
        ApprovalRequest r = request(id);
        return new ApprovalRequest(
                r.id(),
                r.capability(),
                r.requester(),
                r.approverRole(),
                r.output(),
                r.confidence(),
                createdAt,
                createdAt.plus(Duration.ofDays(1)),
                r.status(),
                null,
                null,
                null);
    }

    // ---- audit ----

    @Test
    void recordsFromTwoSinksWritingConcurrentlyVerifyAsOneChain() throws Exception {
        JdbcAuditSink a = open().audit();
        JdbcAuditSink b = open().audit();
        int threads = 16;
        int perThread = 50;
        runConcurrently(threads, t -> {
            JdbcAuditSink sink = t % 2 == 0 ? a : b;
            for (int i = 0; i < perThread; i++) {
                sink.write(TestRecords.record(t * 1000 + i));
            }
        });
        AuditVerifier.Result result = a.verify(Optional.empty());
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(threads * perThread);
        assertThat(b.head()).contains(result.head());
        // the head-row lock serializes the nodes' appends: none collided and had to be retried
        assertThat(a.failedAppends() + b.failedAppends()).isZero();
        assertThat(b.verify(Optional.of(result.head())).valid()).isTrue();
    }

    @Test
    void aSinkLinksAfterRecordsThatAnotherSinkAppendedSinceItsOwnLastBatch() {
        JdbcAuditSink a = open().audit();
        JdbcAuditSink b = open().audit();
        // each sink's next batch guesses the head it left, which the other sink has moved every time
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? a : b).write(TestRecords.record(i));
            (i % 2 == 0 ? a : b).write(TestRecords.record(100 + i));
        }
        AuditVerifier.Result result = a.verify(Optional.empty());
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(12);
        assertThat(a.head()).contains(result.head());
        assertThat(a.failedAppends() + b.failedAppends()).isZero();
    }

    @Test
    void sixtyFourCallersShareCommitsAndEveryRecordIsDurableInOneChain() throws Exception {
        JdbcAuditSink sink = open().audit();
        int threads = 64;
        int perThread = 100;
        long start = System.nanoTime();
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                sink.write(TestRecords.record(t * 1000 + i));
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "[%s] %d audit records committed by %d concurrent callers in %.2f s: %.0f records/s%n",
                db, threads * perThread, threads, seconds, threads * perThread / seconds);
        AuditVerifier.Result result = sink.verify(Optional.empty());
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(threads * perThread);
    }

    @Test
    void aRecordReadsBackExactlyAndSearchFiltersNewestFirst() {
        JdbcAuditSink sink = open().audit();
        Instant t0 = Instant.parse("2026-11-23T10:00:00.123456789Z");
        AuditRecord first = TestRecords.record("claims.summarize", "ann", t0);
        AuditRecord second = TestRecords.record("claims.tag", "ann", t0.plusSeconds(1));
        AuditRecord third = TestRecords.record("claims.summarize", "bob", t0.plusSeconds(2));
        sink.write(first);
        sink.write(second);
        sink.write(third);

        assertThat(sink.search(new AuditQuery(null, null, null, null, 10))).containsExactly(third, second, first);
        assertThat(sink.search(new AuditQuery("claims.summarize", null, null, null, 10)))
                .containsExactly(third, first);
        assertThat(sink.search(new AuditQuery(null, "ann", null, null, 1))).containsExactly(second);
        assertThat(sink.search(new AuditQuery(null, null, t0.plusNanos(1), t0.plusSeconds(2), 10)))
                .containsExactly(second);
    }

    @Test
    void aWriteThatCannotCommitWithinTheTimeoutFailsClosedAndIsCommittedOnceTheLockIsGone() throws Exception {
        Duration timeout = Duration.ofMillis(800);
        JdbcAuditSink sink = open(timeout).audit();
        sink.write(TestRecords.record(0));
        AuditRecord blocked = TestRecords.record(1);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT seq FROM " + db.prefix + "audit_head WHERE id = 1 FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.write(blocked))
                    .isInstanceOf(AuditFailedException.class)
                    .hasMessageContaining(blocked.id())
                    .hasMessageContaining("not committed within");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isBetween(timeout.minusMillis(50), timeout.plusMillis(700));
            holder.rollback();
        }
        // nothing is dropped: the record stays queued and is committed once the head row is free
        await().atMost(Duration.ofSeconds(15))
                .until(() -> sink.head().map(AuditVerifier.Checkpoint::sequence).orElse(0L) == 2);
        assertThat(sink.search(new AuditQuery(null, null, null, null, 1))).containsExactly(blocked);
        assertThat(sink.verify(Optional.empty()).valid()).isTrue();
    }

    @Test
    void recordsOfferedAgainInABatchAreStoredOnceAndTheChainStaysValid() {
        JdbcAuditSink sink = open().audit();
        AuditRecord first = TestRecords.record(1);
        AuditRecord second = TestRecords.record(2);
        AuditRecord third = TestRecords.record(3);
        sink.writeAll(List.of(first, second));

        // as a spool replays after a crash: records already committed come again, followed by new ones
        sink.writeAll(List.of(first, second, third));

        assertThat(sink.search(new AuditQuery(null, null, null, null, 10))).containsExactly(third, second, first);
        assertThat(sink.head().orElseThrow().sequence()).isEqualTo(3);
        assertThat(sink.verify(Optional.empty()).valid()).isTrue();
    }

    // ---- tampering ----

    private AuditVerifier.Result writeTenThen(String... tamper) throws Exception {
        JdbcAuditSink sink = open().audit();
        for (int i = 1; i <= 10; i++) {
            sink.write(TestRecords.record(i));
        }
        assertThat(sink.verify(Optional.empty()).valid()).isTrue();
        db.execute(tamper);
        return sink.verify(Optional.empty());
    }

    @Test
    void changingAnIndexedColumnIsFoundAtThatRecord() throws Exception {
        AuditVerifier.Result r = writeTenThen("UPDATE {p}audit SET outcome = 'DENIED' WHERE seq = 4");
        assertThat(r.valid()).isFalse();
        assertThat(r.firstBadRecord()).isEqualTo(4);
        assertThat(r.reason()).contains("outcome").contains("changed");
        assertThat(r.records()).isEqualTo(3);
    }

    @Test
    void changingTheHashedRecordIsFoundAtThatRecord() throws Exception {
        AuditVerifier.Result r = writeTenThen(
                "UPDATE {p}audit SET record = REPLACE(record, '\"principal\":\"user4\"', '\"principal\":\"mallory\"'),"
                        + " principal = 'mallory' WHERE seq = 4");
        assertThat(r.valid()).isFalse();
        assertThat(r.firstBadRecord()).isEqualTo(4);
        assertThat(r.reason()).contains("does not match its hash");
    }

    @Test
    void deletingARecordIsFoundWhereItWas() throws Exception {
        AuditVerifier.Result r = writeTenThen("DELETE FROM {p}audit WHERE seq = 5");
        assertThat(r.valid()).isFalse();
        assertThat(r.firstBadRecord()).isEqualTo(5);
        assertThat(r.reason()).contains("carries sequence 6");
    }

    @Test
    void insertingAForgedRecordIsFoundAfterIt() throws Exception {
        // the forger renumbers the later rows and inserts a record that chains correctly to record 4
        JdbcAuditSink sink = open().audit();
        for (int i = 1; i <= 10; i++) {
            sink.write(TestRecords.record(i));
        }
        String hash4 = hashOf(4);
        AuditRecord forged = TestRecords.record("claims.summarize", "mallory", Instant.now());
        String forgedHash = AuditChain.hash(5, hash4, forged);
        db.execute("UPDATE {p}audit SET seq = -seq WHERE seq >= 5", "UPDATE {p}audit SET seq = 1 - seq WHERE seq < 0");
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.prefix
                        + "audit (seq, id, ts, capability, principal, tenant, outcome, approval_id, prev_hash, hash,"
                        + " record) VALUES (5, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")) {
            ps.setString(1, forged.id());
            ps.setString(2, dev.steward.providers.jdbc.internal.Times.format(forged.timestamp()));
            ps.setString(3, forged.capability());
            ps.setString(4, forged.principal());
            ps.setString(5, forged.tenant());
            ps.setString(6, forged.outcome().name());
            ps.setString(7, hash4);
            ps.setString(8, forgedHash);
            ps.setString(9, dev.steward.core.audit.AuditJson.write(forged));
            ps.executeUpdate();
        }
        AuditVerifier.Result r = sink.verify(Optional.empty());
        assertThat(r.valid()).isFalse();
        assertThat(r.firstBadRecord()).isEqualTo(6);
        assertThat(r.reason()).contains("previous hash differs");
    }

    @Test
    void swappingTwoRecordsSequencesIsFoundAtTheFirst() throws Exception {
        AuditVerifier.Result r = writeTenThen(
                "UPDATE {p}audit SET seq = -1 WHERE seq = 3",
                "UPDATE {p}audit SET seq = 3 WHERE seq = 4",
                "UPDATE {p}audit SET seq = 4 WHERE seq = -1");
        assertThat(r.valid()).isFalse();
        assertThat(r.firstBadRecord()).isEqualTo(3);
    }

    @Test
    void cuttingTheTailIsFoundByTheChainHeadAndWhenTheHeadIsRewrittenByACheckpoint() throws Exception {
        JdbcAuditSink sink = open().audit();
        for (int i = 1; i <= 10; i++) {
            sink.write(TestRecords.record(i));
        }
        AuditVerifier.Checkpoint checkpoint = sink.head().orElseThrow();
        assertThat(checkpoint.sequence()).isEqualTo(10);

        db.execute("DELETE FROM {p}audit WHERE seq > 8");
        AuditVerifier.Result headLeftAlone = sink.verify(Optional.empty());
        assertThat(headLeftAlone.valid()).isFalse();
        assertThat(headLeftAlone.firstBadRecord()).isEqualTo(9);
        assertThat(headLeftAlone.reason()).contains("cut off");

        db.execute("UPDATE {p}audit_head SET seq = 8, hash = '" + hashOf(8) + "'");
        assertThat(sink.verify(Optional.empty()).valid()).isTrue();
        AuditVerifier.Result againstCheckpoint = sink.verify(Optional.of(checkpoint));
        assertThat(againstCheckpoint.valid()).isFalse();
        assertThat(againstCheckpoint.firstBadRecord()).isEqualTo(9);
        assertThat(againstCheckpoint.reason()).contains("cut off");
    }

    // ---- helpers ----

    private String hashOf(long seq) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT hash FROM " + db.prefix + "audit WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    long count(String table) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + db.prefix + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static ApprovalRequest request(String id) {
        return new ApprovalRequest(
                id,
                "claims.letter",
                ADJUSTER,
                "supervisor",
                "Dear customer,\nyour claim is approved.",
                OptionalDouble.of(0.42),
                Instant.parse("2026-11-23T10:00:00.123456789Z"),
                Instant.parse("2026-11-24T10:00:00Z"),
                ApprovalStatus.PENDING,
                null,
                null,
                null);
    }

    private static String requestLetter(Steward steward) {
        GovernedCapability letter = steward.capability(CapabilityDefinition.builder("claims.letter")
                .approval(new CapabilityDefinition.Approval("supervisor", 0.8, "P1D"))
                .build());
        try {
            letter.invoke(ADJUSTER, new Object[0], null);
        } catch (ApprovalPendingException e) {
            return e.approvalId();
        }
        throw new AssertionError("expected the answer to be held for approval");
    }

    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** Starts the threads together behind a latch and waits for all of them, failing on the first failure. */
    static void runConcurrently(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            CyclicBarrier ready = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    ready.await();
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
