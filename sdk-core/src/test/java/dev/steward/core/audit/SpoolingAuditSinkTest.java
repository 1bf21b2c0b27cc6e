package dev.steward.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.AuditSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingAuditSinkTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456789Z");
    private static final Duration RETRY = Duration.ofMillis(20);

    @TempDir
    Path dir;

    /** A delegate that is up or down, and keeps what it accepted in order. */
    static class SwitchableSink implements AuditSink {
        volatile boolean up = true;
        final AtomicInteger refused = new AtomicInteger();
        private final List<AuditRecord> accepted = new ArrayList<>();

        @Override
        public void write(AuditRecord record) {
            if (!up) {
                refused.incrementAndGet();
                throw new IllegalStateException("database unreachable");
            }
            synchronized (accepted) {
                accepted.add(record);
            }
        }

        List<String> ids() {
            synchronized (accepted) {
                return accepted.stream().map(AuditRecord::id).toList();
            }
        }
    }

    private static AuditRecord record(int i) {
        return new AuditRecord(
                "id-" + i,
                T0.plusSeconds(i),
                "claims.summarize",
                "ClaimService#summarize",
                "claims.summarize",
                "v1",
                "abc",
                "user" + i,
                "acme",
                "corr-" + i,
                "default",
                "p",
                "m",
                new TokenUsage(3, 4),
                new Money(1_200, "USD"),
                Duration.ofMillis(7),
                Outcome.SUCCEEDED,
                null,
                List.of(),
                null,
                null,
                dev.steward.api.annotation.RiskTier.MEDIUM,
                java.util.Set.of(),
                java.util.Map.of("trace", "t-" + i));
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("id-" + i);
        }
        return ids;
    }

    @Test
    void aHealthyDelegateGetsEveryRecordDirectlyAndTheSpoolStaysEmpty() throws Exception {
        SwitchableSink db = new SwitchableSink();
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 10, RETRY)) {
            for (int i = 0; i < 5; i++) {
                sink.write(record(i));
            }
            assertThat(db.ids()).isEqualTo(ids(0, 5));
            assertThat(sink.spooled()).isZero();
            assertThat(sink.spooledTotal()).isZero();
        }
        assertThat(Files.size(dir.resolve("records.jsonl"))).isZero();
    }

    @Test
    void recordsWrittenDuringAnOutageAreSpooledAndReplayedInOrderWhenTheDelegateRecovers() throws Exception {
        SwitchableSink db = new SwitchableSink();
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 100, RETRY)) {
            sink.write(record(0));
            db.up = false;
            for (int i = 1; i <= 10; i++) {
                sink.write(record(i)); // returns: the record is on disk
            }
            assertThat(sink.spooled()).isEqualTo(10);
            assertThat(Files.readAllLines(dir.resolve("records.jsonl"))).hasSize(10);

            db.up = true;
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.spooled() == 0);
            assertThat(db.ids()).isEqualTo(ids(0, 11));
            assertThat(sink.replayedTotal()).isEqualTo(10);
            assertThat(Files.size(dir.resolve("records.jsonl"))).isZero();

            sink.write(record(11));
            assertThat(db.ids()).endsWith("id-11");
            assertThat(sink.spooledTotal()).isEqualTo(10);
        }
    }

    /** A delegate that takes a backlog in chunks. */
    static final class BatchingSink extends SwitchableSink implements BatchAuditSink {
        final List<Integer> chunks = new ArrayList<>();

        @Override
        public void writeAll(List<AuditRecord> records) {
            if (!up) {
                refused.incrementAndGet();
                throw new IllegalStateException("database unreachable");
            }
            synchronized (this) {
                chunks.add(records.size());
            }
            records.forEach(this::write);
        }
    }

    @Test
    void aBatchDelegateGetsTheBacklogInOrderInChunksOfAtMostFiveHundred() throws Exception {
        BatchingSink db = new BatchingSink();
        db.up = false;
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 10_000, RETRY)) {
            for (int i = 0; i < 1_200; i++) {
                sink.write(record(i));
            }
            db.up = true;
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.spooled() == 0);
            assertThat(db.ids()).isEqualTo(ids(0, 1_200));
            synchronized (db) {
                assertThat(db.chunks).allSatisfy(n -> assertThat(n).isBetween(1, 500));
                assertThat(db.chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_200);
                assertThat(db.chunks.size()).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void whileTheSpoolHoldsRecordsANewRecordQueuesBehindThemEvenIfTheDelegateIsBack() throws Exception {
        SwitchableSink db = new SwitchableSink();
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 100, Duration.ofHours(1))) {
            db.up = false;
            sink.write(record(0));
            // the replay offered record 0 once and now waits an hour; the delegate is back meanwhile
            await().atMost(Duration.ofSeconds(10)).until(() -> db.refused.get() >= 2);
            db.up = true;
            sink.write(record(1));
            assertThat(db.ids()).isEmpty();
            assertThat(sink.spooled()).isEqualTo(2);
        }
    }

    @Test
    void aSpoolLeftByAPreviousRunIsReplayedInOrderOnStart() throws Exception {
        SwitchableSink down = new SwitchableSink();
        down.up = false;
        try (SpoolingAuditSink sink = new SpoolingAuditSink(down, dir, 100, RETRY)) {
            for (int i = 0; i < 5; i++) {
                sink.write(record(i));
            }
        }
        SwitchableSink db = new SwitchableSink();
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 100, RETRY)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.spooled() == 0);
            assertThat(db.ids()).isEqualTo(ids(0, 5));
        }
        assertThat(db.ids()).hasSize(5);
    }

    @Test
    void aTornLastLineIsDroppedAndTheWholeRecordsBeforeItAreReplayed() throws Exception {
        SwitchableSink down = new SwitchableSink();
        down.up = false;
        try (SpoolingAuditSink sink = new SpoolingAuditSink(down, dir, 100, RETRY)) {
            sink.write(record(0));
            sink.write(record(1));
        }
        Files.write(
                dir.resolve("records.jsonl"),
                "{\"id\":\"id-2\",\"times".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        SwitchableSink db = new SwitchableSink();
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 100, RETRY)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.spooled() == 0);
            assertThat(db.ids()).isEqualTo(ids(0, 2));
        }
    }

    @Test
    void aFullSpoolFailsTheWriteClosed() throws Exception {
        SwitchableSink db = new SwitchableSink();
        db.up = false;
        try (SpoolingAuditSink sink = new SpoolingAuditSink(db, dir, 3, Duration.ofHours(1))) {
            for (int i = 0; i < 3; i++) {
                sink.write(record(i));
            }
            assertThatThrownBy(() -> sink.write(record(3)))
                    .isInstanceOf(AuditFailedException.class)
                    .hasMessageContaining("id-3")
                    .hasMessageContaining("steward.audit.spool.max-records");
            assertThat(sink.spooled()).isEqualTo(3);
        }
    }

    @Test
    void aClosedSpoolRefusesRecords() throws Exception {
        SpoolingAuditSink sink = new SpoolingAuditSink(new SwitchableSink(), dir, 3, RETRY);
        sink.close();
        assertThatThrownBy(() -> sink.write(record(0)))
                .isInstanceOf(AuditFailedException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void twoSinksCannotShareOneSpool() throws Exception {
        try (SpoolingAuditSink first = new SpoolingAuditSink(new SwitchableSink(), dir, 3, RETRY)) {
            assertThatThrownBy(() -> new SpoolingAuditSink(new SwitchableSink(), dir, 3, RETRY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }
}
