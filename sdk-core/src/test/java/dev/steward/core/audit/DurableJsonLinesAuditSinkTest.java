package dev.steward.core.audit;

import static dev.steward.core.audit.JsonLinesAuditSinkTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines sink as a tamper-evident, durable log: chained lines, restarts, rotation, fsync and verification. */
class DurableJsonLinesAuditSinkTest {

    private final List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    private final Logger log = Logger.getLogger(JsonLinesAuditSink.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    private static JsonLinesAuditSink sink(Path file) {
        return new JsonLinesAuditSink(file, 64, Duration.ofSeconds(10), true, 1000);
    }

    private static void write(Path file, int from, int to) throws Exception {
        try (JsonLinesAuditSink sink = sink(file)) {
            for (int i = from; i < to; i++) {
                sink.write(record(i, "adjuster" + i));
            }
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void rewrite(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static AuditVerifier.Result verify(Path file) {
        return JsonLinesAuditSink.verify(file, Optional.empty());
    }

    private List<String> messages(Level level) {
        synchronized (logged) {
            return logged.stream()
                    .filter(r -> r.getLevel() == level)
                    .map(LogRecord::getMessage)
                    .toList();
        }
    }

    @Test
    void everyLineCarriesItsSequenceItsPredecessorsHashAndItsOwnHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 4);

        List<String> lines = lines(file);
        assertThat(lines).hasSize(3);
        AuditChain.Link first = AuditJson.readStored(lines.get(0)).link();
        AuditChain.Link second = AuditJson.readStored(lines.get(1)).link();
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.hash()).isEqualTo(AuditChain.hash(1, AuditChain.GENESIS, record(1, "adjuster1")));
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"prev\":\"" + AuditChain.GENESIS + "\",\"hash\":\"");
        // what was written reads back as the same record
        assertThat(AuditJson.read(lines.get(2))).isEqualTo(record(3, "adjuster3"));

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isTrue();
        assertThat(result.records()).isEqualTo(3);
        assertThat(result.head().sequence()).isEqualTo(3);
    }

    @Test
    void aRestartContinuesTheChainOfTheFilesLastLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 4);
        write(file, 4, 6);

        assertThat(lines(file)).hasSize(5);
        assertThat(AuditJson.readStored(lines(file).get(3)).link().sequence()).isEqualTo(4);
        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(5);
    }

    @Test
    void aLineCutShortByACrashIsKeptAndReportedWhileNewRecordsContinueTheChainOnTheNextLine(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 3);
        Files.writeString(file, "{\"seq\":3,\"prev\":\"ab", StandardOpenOption.APPEND);
        write(file, 3, 4);

        List<String> lines = lines(file);
        assertThat(lines).hasSize(4);
        assertThat(AuditJson.readStored(lines.get(3)).link().sequence()).isEqualTo(3);
        assertThat(messages(Level.WARNING)).anyMatch(m -> m.contains("incomplete line"));
        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(3);
        assertThat(result.reason()).contains("line 3 is not an audit record");
        // search still finds every whole record
        assertThat(sink(file).search(new AuditQuery(null, null, null, null, 10)))
                .extracting(AuditRecord::id)
                .containsExactly("id-3", "id-2", "id-1");
    }

    @Test
    void plainLinesWrittenBeforeChainingStayReadableAndTheChainStartsAfterThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        rewrite(file, List.of(AuditJson.write(record(1, "a")), AuditJson.write(record(2, "b"))));
        write(file, 3, 5);

        assertThat(AuditJson.readStored(lines(file).get(2)).link().sequence()).isEqualTo(1);
        try (JsonLinesAuditSink sink = sink(file)) {
            assertThat(sink.search(new AuditQuery(null, null, null, null, 10)))
                    .extracting(AuditRecord::id)
                    .containsExactly("id-4", "id-3", "id-2", "id-1");
            AuditVerifier.Result result = sink.verify(Optional.empty());
            assertThat(result.valid()).isTrue();
            assertThat(result.records()).isEqualTo(2);
        }
    }

    @Test
    void searchSkipsAMalformedLineWithAWarningNamingItsNumberButNotItsContent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 4);
        List<String> lines = lines(file);
        lines.set(1, "secret-garbage{");
        rewrite(file, lines);

        try (JsonLinesAuditSink sink = sink(file)) {
            assertThat(sink.search(new AuditQuery(null, null, null, null, 10)))
                    .extracting(AuditRecord::id)
                    .containsExactly("id-3", "id-1");
        }
        assertThat(messages(Level.WARNING))
                .anyMatch(m -> m.contains("line 2 is not an audit record"))
                .noneMatch(m -> m.contains("secret-garbage"));
    }

    @Test
    void anEditedOutcomeIsFoundAtItsRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 6);
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"outcome\":\"SUCCEEDED\"", "\"outcome\":\"DENIED\""));
        rewrite(file, lines);

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(3);
        assertThat(result.reason()).contains("changed");
    }

    @Test
    void anEditedPrincipalIsFoundAtItsRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 6);
        List<String> lines = lines(file);
        lines.set(1, lines.get(1).replace("\"principal\":\"adjuster2\"", "\"principal\":\"someone-else\""));
        rewrite(file, lines);

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(2);
    }

    @Test
    void aDeletedLineIsFoundWhereItWas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 6);
        List<String> lines = lines(file);
        lines.remove(2);
        rewrite(file, lines);

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(3);
        assertThat(result.records()).isEqualTo(2);
    }

    @Test
    void aForgedLineInsertedWithAValidLookingHashIsFound(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 6);
        List<String> lines = lines(file);
        AuditChain.Link second = AuditJson.readStored(lines.get(1)).link();
        AuditRecord forged = record(99, "intruder");
        String hash = AuditChain.hash(3, second.hash(), forged);
        lines.add(2, AuditJson.chainedLine(3, second.hash(), hash, AuditChain.canonical(forged)));
        rewrite(file, lines);

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isFalse();
        // the forged line itself chains; the genuine record 3 after it does not
        assertThat(result.firstBadRecord()).isEqualTo(4);
    }

    @Test
    void twoSwappedLinesAreFoundAtTheFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 6);
        List<String> lines = lines(file);
        Collections.swap(lines, 1, 2);
        rewrite(file, lines);

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(2);
    }

    @Test
    void aCutTailIsFoundAgainstACheckpointTakenBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        AuditVerifier.Checkpoint checkpoint;
        try (JsonLinesAuditSink sink = sink(file)) {
            for (int i = 1; i <= 5; i++) {
                sink.write(record(i, "adjuster" + i));
            }
            checkpoint = sink.head().orElseThrow();
        }
        assertThat(checkpoint.sequence()).isEqualTo(5);
        assertThat(JsonLinesAuditSink.verify(file, Optional.of(checkpoint)).valid())
                .isTrue();

        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, 3));

        assertThat(verify(file).valid()).as("the chain alone cannot tell").isTrue();
        AuditVerifier.Result result = JsonLinesAuditSink.verify(file, Optional.of(checkpoint));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(4);
        assertThat(result.reason()).contains("cut off");
    }

    @Test
    void aRotatedFileIsNoticedAtTheNextBatchAndANewChainStartsAtThePathAfterLoggingTheOldHead(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("steward.jsonl");
        Path rotated = dir.resolve("steward.jsonl.1");
        try (JsonLinesAuditSink sink = sink(file)) {
            for (int i = 1; i <= 3; i++) {
                sink.write(record(i, "a"));
            }
            AuditVerifier.Checkpoint oldHead = sink.head().orElseThrow();
            Files.move(file, rotated);

            sink.write(record(4, "a"));
            sink.write(record(5, "a"));

            assertThat(lines(rotated)).hasSize(3);
            assertThat(lines(file)).hasSize(2);
            assertThat(AuditJson.readStored(lines(file).get(0)).link().sequence())
                    .isEqualTo(1);
            assertThat(messages(Level.INFO))
                    .anyMatch(m -> m.contains("moved, deleted or emptied")
                            && m.contains("sequence=3")
                            && m.contains("hash=" + oldHead.hash()));
            assertThat(JsonLinesAuditSink.verify(rotated, Optional.of(oldHead)).valid())
                    .isTrue();
            assertThat(sink.verify(Optional.empty()).records()).isEqualTo(2);
            assertThat(sink.verify(Optional.empty()).valid()).isTrue();
        }
    }

    @Test
    void aDeletedFileIsRecreatedAtTheNextBatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        try (JsonLinesAuditSink sink = sink(file)) {
            sink.write(record(1, "a"));
            Files.delete(file);

            sink.write(record(2, "a"));

            assertThat(lines(file)).hasSize(1);
            assertThat(AuditJson.read(lines(file).get(0)).id()).isEqualTo("id-2");
            assertThat(sink.verify(Optional.empty()).valid()).isTrue();
        }
    }

    @Test
    void eachBatchIsForcedToTheDeviceUnlessFsyncIsOff(@TempDir Path dir) throws Exception {
        try (JsonLinesAuditSink sink = sink(dir.resolve("on.jsonl"))) {
            sink.write(record(1, "a"));
            sink.write(record(2, "a"));
            assertThat(sink.forcedBatches()).isEqualTo(2);
        }
        try (JsonLinesAuditSink sink =
                new JsonLinesAuditSink(dir.resolve("off.jsonl"), 64, Duration.ofSeconds(10), false, 1000)) {
            sink.write(record(1, "a"));
            assertThat(sink.forcedBatches()).isZero();
            assertThat(lines(dir.resolve("off.jsonl"))).hasSize(1);
        }
    }

    @Test
    void logsACheckpointEveryNRecordsAndAtClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        AuditVerifier.Checkpoint last;
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 64, Duration.ofSeconds(10), true, 2)) {
            for (int i = 1; i <= 5; i++) {
                sink.write(record(i, "a"));
            }
            last = sink.head().orElseThrow();
        }
        List<String> info = messages(Level.INFO);
        AuditChain.Link second = AuditJson.readStored(lines(file).get(1)).link();
        AuditChain.Link fourth = AuditJson.readStored(lines(file).get(3)).link();
        assertThat(info)
                .anyMatch(m -> m.contains("every 2 records") && m.endsWith("sequence=2 hash=" + second.hash()))
                .anyMatch(m -> m.contains("every 2 records") && m.endsWith("sequence=4 hash=" + fourth.hash()))
                .anyMatch(m -> m.contains("at close") && m.endsWith("sequence=5 hash=" + last.hash()));
        assertThat(info).noneMatch(m -> m.contains("every 2 records") && m.contains("sequence=5"));
    }

    @Test
    void aFileEmptiedInPlaceByCopyTruncateStartsANewChain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        try (JsonLinesAuditSink sink = sink(file)) {
            sink.write(record(1, "a"));
            sink.write(record(2, "a"));
            Files.copy(file, dir.resolve("steward.jsonl.1"));
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }

            sink.write(record(3, "a"));

            assertThat(lines(file)).hasSize(1);
            assertThat(AuditJson.readStored(lines(file).get(0)).link().sequence())
                    .isEqualTo(1);
            assertThat(sink.verify(Optional.empty()).valid()).isTrue();
            assertThat(messages(Level.INFO)).anyMatch(m -> m.contains("emptied") && m.contains("sequence=2"));
        }
    }

    @Test
    void linesCutOffTheEndWhileTheSinkRunsLeaveAGapThatVerificationReports(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        try (JsonLinesAuditSink sink = sink(file)) {
            for (int i = 1; i <= 3; i++) {
                sink.write(record(i, "a"));
            }
            long keep = Files.readAllLines(file).get(0).length() + 1 + 10;
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(keep);
            }

            sink.write(record(4, "a"));

            List<String> lines = lines(file);
            assertThat(AuditJson.readStored(lines.get(lines.size() - 1)).link().sequence())
                    .isEqualTo(4);
            assertThat(messages(Level.WARNING)).anyMatch(m -> m.contains("records were removed"));
            AuditVerifier.Result result = sink.verify(Optional.empty());
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBadRecord()).isEqualTo(2);
        }
    }

    @Test
    void aLastLineWithoutItsLineBreakIsNotReadUntilItIsComplete(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        write(file, 1, 3);
        String third = lines(file).get(1).replace("\"seq\":2", "\"seq\":3");
        Files.writeString(file, third.substring(0, third.length() / 2), StandardOpenOption.APPEND);

        AuditVerifier.Result result = verify(file);
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.records()).isEqualTo(2);
        try (JsonLinesAuditSink sink = sink(file)) {
            assertThat(sink.search(new AuditQuery(null, null, null, null, 10))).hasSize(2);
        }
        assertThat(messages(Level.WARNING)).noneMatch(m -> m.contains("is not an audit record"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void logsEveryDueCheckpointAlsoWhenOneBatchCrossesSeveral(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steward.jsonl");
        JsonLinesAuditSinkTest.Stall stall = new JsonLinesAuditSinkTest.Stall();
        stall.armed.set(true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 64, Duration.ofSeconds(20), true, 2, stall)) {
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> sink.write(record(0, "a"))));
            assertThat(stall.entered.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            for (int i = 1; i <= 4; i++) {
                int n = i;
                calls.add(pool.submit(() -> sink.write(record(n, "a"))));
            }
            while (sink.pending() < 5) {
                Thread.onSpinWait();
            }
            stall.armed.set(false);
            stall.release.countDown();
            for (java.util.concurrent.Future<?> c : calls) {
                c.get();
            }
            assertThat(stall.batchSizes).containsExactly(1, 4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages(Level.INFO))
                .anyMatch(m -> m.contains("every 2 records") && m.contains("sequence=2 "))
                .anyMatch(m -> m.contains("every 2 records") && m.contains("sequence=4 "));
    }
}
