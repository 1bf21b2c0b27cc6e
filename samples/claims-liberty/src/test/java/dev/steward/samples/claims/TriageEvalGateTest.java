package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.config.ConfigValues;
import dev.steward.eval.EvalGate;
import dev.steward.eval.EvalGateFailedException;
import dev.steward.eval.EvalReport;
import dev.steward.eval.StewardEvalGate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The eval gate of claims.triage, run in the build: its 40 labelled examples go through the sample's own
 * configuration (the offline embeddings classifier) under the current version and a candidate; the gate passes the
 * current version and fails a version that biases every description towards one label.
 */
class TriageEvalGateTest {

    private static final Path REPORTS = Path.of("target", "steward-evals");

    /**
     * The gate as the build runs it: the WAR's configuration file, the candidate against the pinned version; {@code
     * -Dsteward.eval.candidate=<version>} gates another version.
     */
    @StewardEvalGate(
            capability = "claims.triage",
            route = "triage",
            candidate = "v1",
            tolerance = 0.05,
            minimumPassRate = 0.9)
    void theCandidatePassesTheGate() {}

    @Test
    void failsAVersionThatBiasesEveryClaimTowardsMotor() throws IOException {
        EvalReport report = EvalGate.builder("claims.triage")
                .route("triage")
                .config(ConfigValues.of(sampleConfiguration()))
                .candidate("v0-motor-bias")
                .tolerance(0.05)
                .minimumPassRate(0.9)
                .reportDirectory(REPORTS)
                .build()
                .run();

        assertThat(report.passed()).isFalse();
        assertThat(report.baseline().version()).isEqualTo("v1");
        assertThat(report.baseline().passed()).isEqualTo(39);
        assertThat(report.candidate().passed()).isEqualTo(24);
        assertThat(report.candidate().total()).isEqualTo(40);
        assertThat(report.rows())
                .filteredOn(r -> r.id().startsWith("property-") && !r.candidatePassed())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.candidateAnswer()).isEqualTo("motor"));
        assertThatThrownBy(report::assertPassed)
                .isInstanceOf(EvalGateFailedException.class)
                .hasMessageContaining("claims.triage version v0-motor-bias fails the eval gate");
        assertThat(Files.exists(REPORTS.resolve("claims.triage-v0-motor-bias-vs-v1.json")))
                .isTrue();
    }

    // the WAR's own configuration file: the gate keeps its providers and routes
    private static Map<String, String> sampleConfiguration() throws IOException {
        Properties p = new Properties();
        try (InputStream in = TriageEvalGateTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }
}
