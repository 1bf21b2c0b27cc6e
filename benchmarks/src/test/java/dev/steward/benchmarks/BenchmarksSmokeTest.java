package dev.steward.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.spi.Redactor;
import dev.steward.guard.GuardInterceptorFactory;
import dev.steward.guard.injection.InjectionModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;

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

    @Test
    void everyDetectorTogetherFindsTheAnnotatedValuesOfTheRecognizerCases() throws Exception {
        RedactionBenchmark benchmark = new RedactionBenchmark();
        RedactionBenchmark.Texts all = new RedactionBenchmark.Texts();
        all.detectors = RedactionBenchmark.EVERY_DETECTOR;
        all.setUp();
        int annotated = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(RedactionBenchmark.CASES.locate())) {
            if (!line.isBlank()) {
                annotated += json.readTree(line).get("spans").size();
            }
        }

        int found = benchmark.findInEveryText(all);

        // every type is held to 0.95 precision and recall by the guard's own evaluation; so is the whole file
        assertThat(annotated).isGreaterThan(300);
        assertThat(found).isBetween((int) Math.floor(annotated * 0.95), (int) Math.ceil(annotated / 0.95));
        for (int pass = 0; pass < 3; pass++) {
            assertThat(benchmark.findInEveryText(all)).isEqualTo(found);
        }
    }

    @Test
    void eachDetectorAloneFindsWhatItIsForAndTogetherTheyKeepNoMore() throws Exception {
        RedactionBenchmark benchmark = new RedactionBenchmark();
        int apart = 0;
        List<String> silent = new ArrayList<>();
        for (String name : GuardInterceptorFactory.builtInDetectors()) {
            RedactionBenchmark.Texts one = new RedactionBenchmark.Texts();
            one.detectors = name;
            one.setUp();
            assertThat(one.redaction.redactors()).extracting(Redactor::name).containsExactly(name);
            int found = benchmark.findInEveryText(one);
            apart += found;
            if (found == 0) {
                silent.add(name);
            }
        }
        RedactionBenchmark.Texts all = new RedactionBenchmark.Texts();
        all.setUp();

        // the recognizer cases hold no date of birth after a cue; every other detector has cases of its own
        assertThat(silent).containsExactly("date-of-birth");
        assertThat(benchmark.findInEveryText(all)).isPositive().isLessThanOrEqualTo(apart);
    }

    @Test
    void theRedactionBenchmarkRunsEveryBuiltInDetectorAlone() throws Exception {
        Param detectors = RedactionBenchmark.Texts.class.getField("detectors").getAnnotation(Param.class);
        List<String> expected = new ArrayList<>(GuardInterceptorFactory.builtInDetectors());
        expected.add(0, RedactionBenchmark.EVERY_DETECTOR);

        assertThat(detectors.value()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyHeldOutTextIsScoredBetweenZeroAndOneOnBothSidesOfTheThreshold() throws Exception {
        InjectionBenchmark benchmark = new InjectionBenchmark();
        InjectionBenchmark.Scorer scorer = new InjectionBenchmark.Scorer();
        scorer.setUp();
        int texts = scorer.texts.size();
        double lowest = 1;
        double highest = 0;
        try {
            for (int i = 0; i < texts; i++) {
                double score = benchmark.score(scorer);
                assertThat(score).isBetween(0.0, 1.0);
                lowest = Math.min(lowest, score);
                highest = Math.max(highest, score);
            }
        } finally {
            scorer.tearDown();
        }

        assertThat(texts).isGreaterThan(100);
        assertThat(scorer.next).as("every text once, then the first again").isZero();
        // the held-out file has benign texts and injections, and the shipped model tells most of them apart
        assertThat(lowest).isLessThan(InjectionModel.OPERATING_POINT);
        assertThat(highest).isGreaterThanOrEqualTo(InjectionModel.OPERATING_POINT);
    }

    @Test
    void aDataFileIsFoundFromAnyFolderOfTheProjectOrWhereThePropertySays(@TempDir Path root, @TempDir Path elsewhere)
            throws Exception {
        Path module = Files.createDirectories(root.resolve("benchmarks/src"));
        Path file = Files.createDirectories(root.resolve("data")).resolve("texts.jsonl");
        Files.writeString(file, "{\"text\": \"one\"}\n\n{\"text\": \"two\", \"label\": \"x\"}\n");
        DataFile data = new DataFile("steward.bench.test.texts", "data/texts.jsonl");

        assertThat(data.locate(null, root)).isEqualTo(file);
        assertThat(data.locate(null, module)).isEqualTo(file);
        assertThat(data.locate(file.toString(), Path.of("/"))).isEqualTo(file);
        assertThat(DataFile.texts(file)).containsExactly("one", "two");
        assertThatThrownBy(() -> data.locate(null, elsewhere))
                .hasMessageContaining("data/texts.jsonl")
                .hasMessageContaining("-Dsteward.bench.test.texts=FILE");
        assertThatThrownBy(() -> data.locate(root.resolve("missing.jsonl").toString(), root))
                .hasMessageContaining("-Dsteward.bench.test.texts=");
    }
}
