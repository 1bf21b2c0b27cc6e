package dev.steward.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.prompt.PromptHash;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate runs both versions through the real pipeline, here answered by an engine that echoes the prompt. */
class EvalGateTest {

    private static final Map<String, String> CONFIG = Map.of(
            "steward.route.default.providers", EchoProvider.NAME,
            // governance keys the gate leaves out: they would refuse the evaluator
            "steward.capability.words.echo.allowed-roles", "nobody",
            "steward.budget.ledger", "jdbc");

    private static EvalGate.Builder gate(Path reports, String candidate) {
        return EvalGate.builder("words.echo")
                .candidate(candidate)
                .config(ConfigValues.of(CONFIG))
                .provider(new EchoProvider())
                .reportDirectory(reports);
    }

    @Test
    void passesAVersionThatScoresAsWellAsThePinnedOneAndReportsEveryRow(@TempDir Path reports) throws Exception {
        EvalReport report =
                gate(reports, "v1").baseline("v1").minimumPassRate(1).build().run();

        assertThat(report.passed()).isTrue();
        report.assertPassed();
        assertThat(report.candidate())
                .isEqualTo(new EvalReport.VersionResult("v1", PromptHash.of("{{word}}"), 6, 6, 1.0));
        assertThat(report.rows())
                .extracting(EvalReport.RowResult::id)
                .containsExactly("apple", "pear", "plum", "fig", "seven", "json");
        assertThat(report.rows())
                .extracting(EvalReport.RowResult::scorer)
                .containsExactly("label", "exact", "contains", "regex", "number", "jsonSchema");

        JsonNode written = new ObjectMapper().readTree(Files.readString(reports.resolve("words.echo-v1-vs-v1.json")));
        assertThat(written.path("candidate").path("sha256").asText()).isEqualTo(PromptHash.of("{{word}}"));
        assertThat(written.path("rows")).hasSize(6);
    }

    @Test
    void failsACandidateThatFallsBelowThePinnedVersionBeyondTheTolerance(@TempDir Path reports) {
        // v2 says "Say apple": only contains, regex-free rows and the number still pass
        EvalReport report =
                gate(reports, "v2").baseline("v1").tolerance(0.2).build().run();

        assertThat(report.passed()).isFalse();
        assertThat(report.baseline().passRate()).isEqualTo(1.0);
        assertThat(report.candidate().passRate()).isLessThan(0.8);
        assertThat(report.candidate().sha256()).isEqualTo(PromptHash.of("Say {{word}}"));
        assertThat(report.reasons()).singleElement().asString().contains("below version v1's 1.000");
        assertThatThrownBy(report::assertPassed)
                .isInstanceOf(EvalGateFailedException.class)
                .hasMessageStartingWith("prompt words.echo version v2 fails the eval gate: pass rate");
        assertThat(report.rows().get(1).candidateReason()).isEqualTo("expected exactly 'pear'");
        assertThat(Files.exists(reports.resolve("words.echo-v2-vs-v1.json"))).isTrue();
    }

    @Test
    void toleranceLetsASmallRegressionThroughButNotTheAbsoluteBar(@TempDir Path reports) {
        EvalReport tolerated =
                gate(reports, "v2").baseline("v1").tolerance(1).build().run();
        assertThat(tolerated.passed()).isTrue();

        EvalReport barred = gate(reports, "v2")
                .baseline("v1")
                .tolerance(1)
                .minimumPassRate(0.9)
                .build()
                .run();
        assertThat(barred.passed()).isFalse();
        assertThat(barred.reasons()).singleElement().asString().contains("below the bar 0.900");
    }

    @Test
    void comparesWithThePinnedVersionElseTheLatestOtherVersion(@TempDir Path reports) {
        EvalReport pinned = gate(reports, "v3-broken")
                .config(ConfigValues.of(Map.of(
                        "steward.route.default.providers",
                        EchoProvider.NAME,
                        "steward.capability.words.echo.prompt.version",
                        "v1")))
                .build()
                .run();
        assertThat(pinned.baseline().version()).isEqualTo("v1");
        assertThat(pinned.candidate().passRate()).isZero();
        assertThat(pinned.passed()).isFalse();

        // no pin: the latest listed version that is not the candidate
        assertThat(gate(reports, "v1").build().run().baseline().version()).isEqualTo("v2");
    }

    @Test
    void namesAVersionTheRegistryDoesNotHave(@TempDir Path reports) {
        assertThatThrownBy(() -> gate(reports, "v9").baseline("v1").build().run())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("words.echo/v9")
                .hasMessageContaining("[v1, v2]");
        assertThatThrownBy(() -> EvalGate.builder("words.echo").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("candidate");
        assertThatThrownBy(() -> gate(reports, "v1").tolerance(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tolerance");
    }

    @Test
    void refusesAnEvalSetWithARowThatBindsNoValueForAVariableEitherVersionUses(@TempDir Path root) throws Exception {
        Path evals = Files.createDirectories(root.resolve("classes/META-INF/steward/evals/words.pair"));
        Files.writeString(evals.resolve("rows.jsonl"), """
                {"id": "both", "inputs": {"first": "salt", "second": "pepper"}, "expect": {"contains": "salt"}}
                {"id": "only-first", "inputs": {"first": "bread"}, "expect": {"contains": "bread"}}
                """);
        // the baseline uses only {{first}}; the candidate uses {{second}} too, which the second row lacks
        InMemoryPromptRegistry prompts = new InMemoryPromptRegistry()
                .put("words.pair", "v1", "{{first}}")
                .put("words.pair", "v2", "{{first}} and {{second}}");
        AtomicInteger calls = new AtomicInteger();
        EchoProvider echo = new EchoProvider();
        InferenceProvider counting = new InferenceProvider() {
            @Override
            public String name() {
                return EchoProvider.NAME;
            }

            @Override
            public InferenceResponse infer(InferenceRequest request) {
                calls.incrementAndGet();
                return echo.infer(request);
            }
        };

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {root.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
            EvalGate gate = EvalGate.builder("words.pair")
                    .candidate("v2")
                    .baseline("v1")
                    .config(ConfigValues.of(CONFIG))
                    .classLoader(loader)
                    .promptRegistry(prompts)
                    .provider(counting)
                    .reportDirectory(root.resolve("reports"))
                    .build();

            assertThatThrownBy(gate::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("eval row 'only-first' of prompt 'words.pair' binds no value for {{second}}");
        }
        assertThat(calls).hasValue(0);
        assertThat(root.resolve("reports")).doesNotExist();
    }
}
