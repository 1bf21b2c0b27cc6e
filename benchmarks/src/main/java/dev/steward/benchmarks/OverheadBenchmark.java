package dev.steward.benchmarks;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The same capability called raw through a LangChain4j {@link ChatModel}, and governed by Steward around the same
 * model: the difference is what governance costs per call. The model answers instantly, so nothing hides the cost.
 *
 * <p>{@code governed} uses Steward's defaults, under which each provider try has a 30 s timeout and so runs on
 * Steward's provider thread pool; {@code governedInline} sets the timeout to 0s, which calls the provider on the
 * caller's thread, and shows what that hand-off costs.
 *
 * <p>After each trial the audit file must hold one line per audited call and the ledger must hold exactly the cost of
 * every call; otherwise the trial fails.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class OverheadBenchmark {

    private static final Object[] ARGS = {"CLM-2024-000117", "Dana Whitfield", "Water came through the kitchen ceiling"
    };

    /** The raw path: render the prompt by hand and call the model. */
    @State(Scope.Benchmark)
    public static class Raw {
        ChatModel model;

        @Setup(Level.Trial)
        public void setUp() {
            model = new InstantChatModel();
        }
    }

    /** The governed path with Steward's default provider timeout. */
    @State(Scope.Benchmark)
    public static class Governed {
        StewardFixture steward;
        long calls;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            steward = fixture("30s", true);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            verifyAndClose(steward, calls, "governed");
        }
    }

    /** The governed path calling the provider on the caller's thread. */
    @State(Scope.Benchmark)
    public static class GovernedInline {
        /**
         * {@code jsonl} audits to the file sink as configured by default (forced to the device per batch);
         * {@code jsonl-flush}, for diagnosis, to the same sink flushed but not forced; {@code memory} to the in-memory
         * sink, which leaves the pipeline's own cost.
         */
        @Param({"jsonl"})
        public String sink = "jsonl";

        StewardFixture steward;
        long calls;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            steward = fixture("0s", !sink.equals("memory"), !sink.equals("jsonl-flush"));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            verifyAndClose(steward, calls, sink.equals("jsonl") ? "governedInline" : "governedInline-" + sink);
        }
    }

    /**
     * The governed path with Steward's default provider timeout and OpenTelemetry on: the SDK with a batch span
     * processor and a periodic metric reader, both exporting to nowhere.
     */
    @State(Scope.Benchmark)
    public static class GovernedOtel {
        TelemetryToNowhere telemetry;
        StewardFixture steward;
        long calls;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            telemetry = new TelemetryToNowhere();
            steward = fixture("30s", telemetry);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                verifyAndClose(steward, calls, "governedOtel");
            } finally {
                telemetry.close();
            }
        }
    }

    /** The governed path calling the provider on the caller's thread, with OpenTelemetry on. */
    @State(Scope.Benchmark)
    public static class GovernedInlineOtel {
        /** As {@link GovernedInline#sink}: {@code memory} leaves the pipeline's and OpenTelemetry's own cost. */
        @Param({"jsonl"})
        public String sink = "jsonl";

        TelemetryToNowhere telemetry;
        StewardFixture steward;
        long calls;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            telemetry = new TelemetryToNowhere();
            steward = fixture("0s", telemetry, !sink.equals("memory"), !sink.equals("jsonl-flush"));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                verifyAndClose(
                        steward, calls, sink.equals("jsonl") ? "governedInlineOtel" : "governedInlineOtel-" + sink);
            } finally {
                telemetry.close();
            }
        }
    }

    /**
     * Renders the prompt and asks the model directly.
     *
     * @param s the model
     * @return the answer
     */
    @Benchmark
    public String raw(Raw s) {
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from(StewardFixture.render(ARGS)))
                .maxOutputTokens(256)
                .build();
        return s.model.chat(request).aiMessage().text();
    }

    /**
     * One governed call with Steward's defaults.
     *
     * @param s the fixture
     * @return the answer
     */
    @Benchmark
    public String governed(Governed s) {
        s.calls++;
        return s.steward.summarize(ARGS);
    }

    /**
     * One governed call, provider on the caller's thread.
     *
     * @param s the fixture
     * @return the answer
     */
    @Benchmark
    public String governedInline(GovernedInline s) {
        s.calls++;
        return s.steward.summarize(ARGS);
    }

    /**
     * One governed call with Steward's defaults and OpenTelemetry on.
     *
     * @param s the fixture
     * @return the answer
     */
    @Benchmark
    public String governedOtel(GovernedOtel s) {
        s.calls++;
        return s.steward.summarize(ARGS);
    }

    /**
     * One governed call, provider on the caller's thread, OpenTelemetry on.
     *
     * @param s the fixture
     * @return the answer
     */
    @Benchmark
    public String governedInlineOtel(GovernedInlineOtel s) {
        s.calls++;
        return s.steward.summarize(ARGS);
    }

    static StewardFixture fixture(String providerTimeout, TelemetryToNowhere telemetry) throws Exception {
        return fixture(providerTimeout, telemetry, true, true);
    }

    static StewardFixture fixture(String providerTimeout, TelemetryToNowhere telemetry, boolean jsonl, boolean fsync)
            throws Exception {
        Path audit = Files.createTempFile("steward-bench-audit-", ".jsonl");
        Files.delete(audit);
        return new StewardFixture(
                new ChatModelProvider("instant", new InstantChatModel()),
                providerTimeout,
                audit,
                10_000,
                jsonl,
                fsync,
                telemetry.observer());
    }

    static StewardFixture fixture(String providerTimeout, boolean jsonl) throws Exception {
        return fixture(providerTimeout, jsonl, true);
    }

    static StewardFixture fixture(String providerTimeout, boolean jsonl, boolean fsync) throws Exception {
        Path audit = Files.createTempFile("steward-bench-audit-", ".jsonl");
        Files.delete(audit);
        return new StewardFixture(
                new ChatModelProvider("instant", new InstantChatModel()), providerTimeout, audit, 10_000, jsonl, fsync);
    }

    static void verifyAndClose(StewardFixture steward, long calls, String label) throws Exception {
        try {
            long lines = steward.flushAndCountAuditLines();
            long spent = steward.spentMicros();
            long expectedSpent = calls * StewardFixture.costPerCallMicros();
            Verification.record(label, calls, lines, steward.listenerRecords(), spent, expectedSpent);
            if ((lines >= 0 && lines != calls) || steward.listenerRecords() != calls || spent != expectedSpent) {
                throw new IllegalStateException(label + ": " + calls + " calls but " + lines + " audit lines, "
                        + steward.listenerRecords() + " listener records and " + spent + " micros spent (expected "
                        + expectedSpent + ")");
            }
        } finally {
            steward.close();
            Files.deleteIfExists(steward.auditFile());
        }
    }
}
