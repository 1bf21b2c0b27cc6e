package dev.steward.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link StewardEvalGate} methods run by the JUnit Platform's test kit, in-process: the extension passes a candidate that
 * scores as well as the pinned version, fails one that regresses with {@link EvalGateFailedException}, publishes both
 * pass rates and writes the report. The fixtures are nested classes that run only under the test kit.
 */
class EvalGateExtensionTest {

    private static final String REPORTS = "target/eval-gate-extension";
    private static final String CONFIG = "eval-gate/words.properties";
    private static final Path DEFAULT_REPORT = EvalGate.DEFAULT_REPORT_DIRECTORY.resolve("words.echo-v1-vs-v2.json");

    /** Keeps the fixtures to the test kit's runs, whatever a build's test filter selects. */
    static final class RunByTestKit implements ExecutionCondition {
        static final String PARAMETER = "steward.eval.fixtures";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by the test kit")
                    : ConditionEvaluationResult.disabled("a fixture of EvalGateExtensionTest, run by its test kit");
        }
    }

    @ExtendWith(RunByTestKit.class)
    static class GoodCandidate {
        @StewardEvalGate(
                capability = "words.echo",
                candidate = "v1",
                minimumPassRate = 1,
                config = CONFIG,
                reportDirectory = REPORTS)
        void gate(EvalGate.Builder gate) {
            gate.provider(new EchoProvider());
        }
    }

    @ExtendWith(RunByTestKit.class)
    static class WorseCandidate {
        @StewardEvalGate(
                capability = "words.echo",
                candidate = "v2",
                tolerance = 0.2,
                config = CONFIG,
                reportDirectory = REPORTS)
        void gate(EvalGate.Builder gate) {
            gate.provider(new EchoProvider());
        }
    }

    @ExtendWith(RunByTestKit.class)
    static class ExplicitBaselineWithoutConfiguration {
        // no configuration file: the only provider, added here, answers the default route
        @StewardEvalGate(capability = "words.echo", candidate = "v1", baseline = "v2", config = "")
        void gate(EvalGate.Builder gate) {
            gate.provider(new EchoProvider());
        }
    }

    @ExtendWith(RunByTestKit.class)
    static class MissingConfiguration {
        @StewardEvalGate(capability = "words.echo", candidate = "v1", config = "eval-gate/absent.properties")
        void gate() {}
    }

    @BeforeEach
    void removeReports() throws IOException {
        Files.deleteIfExists(DEFAULT_REPORT);
        Path dir = Path.of(REPORTS);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void passesACandidateThatScoresAsWellAsThePinnedVersionAndPublishesBothPassRates() throws IOException {
        Events events = run(GoodCandidate.class);

        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        events.assertThatEvents()
                .haveExactly(1, org.assertj.core.api.Assertions.allOf(test("gate"), finishedSuccessfully()));
        Map<String, String> entry = reportEntry(events);
        assertThat(entry)
                .containsEntry("steward.eval.candidate", "v1: 6 of 6 passed (1.000)")
                .containsEntry("steward.eval.baseline", "v1: 6 of 6 passed (1.000)")
                .containsEntry("steward.eval.passed", "true");
        Path report = Path.of(REPORTS, "words.echo-v1-vs-v1.json");
        assertThat(entry.get("steward.eval.report")).isEqualTo(report.toString());
        assertThat(Files.exists(report)).isTrue();
    }

    @Test
    void failsACandidateThatFallsBelowThePinnedVersionAndStillWritesTheReport() throws IOException {
        Events events = run(WorseCandidate.class);

        events.assertStatistics(s -> s.started(1).succeeded(0).failed(1));
        events.assertThatEvents()
                .haveExactly(
                        1,
                        org.assertj.core.api.Assertions.allOf(
                                test("gate"),
                                finishedWithFailure(
                                        instanceOf(EvalGateFailedException.class),
                                        message(m -> m.startsWith("prompt words.echo version v2 fails the eval gate")
                                                && m.contains("below version v1's 1.000")))));
        Map<String, String> entry = reportEntry(events);
        assertThat(entry.get("steward.eval.candidate")).startsWith("v2: ").doesNotContain("6 of 6");
        // the baseline is the pin of the configuration file
        assertThat(entry).containsEntry("steward.eval.baseline", "v1: 6 of 6 passed (1.000)");
        assertThat(entry).containsEntry("steward.eval.passed", "false");
        JsonNode written = new ObjectMapper().readTree(Files.readString(Path.of(REPORTS, "words.echo-v2-vs-v1.json")));
        assertThat(written.path("passed").asBoolean(true)).isFalse();
        assertThat(written.path("rows")).hasSize(6);
    }

    @Test
    void theCandidatePropertyOverridesTheAnnotationsCandidate() {
        String before = System.getProperty(StewardEvalGate.CANDIDATE_PROPERTY);
        System.setProperty(StewardEvalGate.CANDIDATE_PROPERTY, "v2");
        Events events;
        try {
            events = run(GoodCandidate.class);
        } finally {
            if (before == null) {
                System.clearProperty(StewardEvalGate.CANDIDATE_PROPERTY);
            } else {
                System.setProperty(StewardEvalGate.CANDIDATE_PROPERTY, before);
            }
        }

        events.assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(EvalGateFailedException.class),
                                message(m -> m.startsWith("prompt words.echo version v2 fails the eval gate")
                                        && m.contains("below the bar 1.000"))));
        assertThat(Files.exists(Path.of(REPORTS, "words.echo-v2-vs-v1.json"))).isTrue();
    }

    @Test
    void comparesWithTheAnnotationsBaselineAndNeedsNoConfigurationFile() {
        Events events = run(ExplicitBaselineWithoutConfiguration.class);

        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(reportEntry(events))
                .containsEntry("steward.eval.candidate", "v1: 6 of 6 passed (1.000)")
                .containsEntry("steward.eval.baseline", "v2: 2 of 6 passed (0.333)");
        // the default folder
        assertThat(reportEntry(events)).containsEntry("steward.eval.report", DEFAULT_REPORT.toString());
        assertThat(Files.exists(DEFAULT_REPORT)).isTrue();
    }

    @Test
    void namesAConfigurationFileThatIsNotOnTheClassPath() {
        run(MissingConfiguration.class)
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(IllegalArgumentException.class),
                                message(m -> m.contains("eval-gate/absent.properties"))));
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter(RunByTestKit.PARAMETER, "true")
                .execute()
                .testEvents();
    }

    private static Map<String, String> reportEntry(Events events) {
        return events.reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(m -> m.containsKey("steward.eval.candidate"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no report entry of the eval gate"));
    }
}
