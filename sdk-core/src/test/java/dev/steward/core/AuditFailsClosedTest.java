package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.ConfigurationException;
import dev.steward.api.Outcome;
import dev.steward.core.audit.AuditJson;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AuditFailsClosedTest {

    private final ScriptedProvider provider = new ScriptedProvider("p");

    private Steward steward(Map<String, String> config) {
        return Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize {{text}}"))
                .build();
    }

    private static GovernedCapability summarize(Steward steward) {
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .source("ClaimService#summarize")
                .parameterNames(List.of("text"))
                .build());
    }

    /** A FIFO nobody reads: opening it for writing blocks, as a hung network file system would. */
    private static Path fifo(Path dir) throws Exception {
        assumeTrue(
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "needs mkfifo, which this test runs only on Linux");
        Path fifo = dir.resolve("audit.jsonl");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString())
                .redirectErrorStream(true)
                .start();
        assumeTrue(
                mkfifo.waitFor() == 0,
                "mkfifo failed: " + new String(mkfifo.getInputStream().readAllBytes()));
        return fifo;
    }

    @Test
    @Timeout(60)
    void aCallWhoseAuditFileBlocksFailsClosedWithinTheWriteTimeoutAndItsRecordIsNotLost(@TempDir Path dir)
            throws Exception {
        Path fifo = fifo(dir);
        Duration timeout = Duration.ofMillis(300);
        try (Steward steward = steward(Map.of(
                "steward.audit.sink", "jsonl",
                "steward.audit.jsonl.path", fifo.toString(),
                "steward.audit.write-timeout", "300ms"))) {
            GovernedCapability cap = summarize(steward);

            long start = System.nanoTime();
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"the claim"}, null))
                    .isInstanceOfSatisfying(
                            AuditFailedException.class,
                            e -> assertThat(e.capability()).isEqualTo("claims.summarize"))
                    .hasMessageContaining("could not be stored")
                    .hasRootCauseInstanceOf(AuditFailedException.class)
                    .hasMessageNotContaining("answer from p");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
            // the provider answered, but its answer was withheld
            assertThat(provider.calls.get()).isEqualTo(1);

            // once someone reads the file, the record of that call arrives: it was queued, not dropped
            try (BufferedReader reader = Files.newBufferedReader(fifo)) {
                AuditRecord record = AuditJson.read(reader.readLine());
                assertThat(record.capability()).isEqualTo("claims.summarize");
                assertThat(record.principal()).isEqualTo("adjuster1");
                assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
            }
        }
    }

    @Test
    void callsThroughAJsonLinesSinkAreOnTheFileWhenTheyReturn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (Steward steward =
                steward(Map.of("steward.audit.sink", "jsonl", "steward.audit.jsonl.path", file.toString()))) {
            GovernedCapability cap = summarize(steward);
            for (int i = 1; i <= 3; i++) {
                assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"claim " + i}, null))
                        .isEqualTo("answer from p");
                assertThat(Files.readAllLines(file)).hasSize(i);
            }
        }
    }

    @Test
    void aWriteTimeoutOfZeroOrLessFailsTheBuildNamingTheKey(@TempDir Path dir) {
        String path = dir.resolve("audit.jsonl").toString();
        for (String value : List.of("0s", "PT0S", "-1s", "PT-5S")) {
            assertThatThrownBy(() -> steward(Map.of(
                                    "steward.audit.jsonl.path", path,
                                    "steward.audit.write-timeout", value))
                            .close())
                    .as(value)
                    .isInstanceOfSatisfying(
                            ConfigurationException.class,
                            e -> assertThat(e.key()).isEqualTo("steward.audit.write-timeout"))
                    .hasMessageContaining("steward.audit.write-timeout");
        }
        assertThatThrownBy(() ->
                        steward(Map.of("steward.audit.write-timeout", "soon")).close())
                .hasMessageContaining("steward.audit.write-timeout");
    }

    @Test
    void theJsonLinesSinkIsAVerifiableLogConfiguredByItsFsyncAndCheckpointKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (Steward steward = steward(Map.of(
                "steward.audit.sink", "jsonl",
                "steward.audit.jsonl.path", file.toString(),
                "steward.audit.jsonl.fsync", "false",
                "steward.audit.checkpoint-every", "10"))) {
            GovernedCapability cap = summarize(steward);
            cap.invoke(Callers.ADJUSTER, new Object[] {"claim"}, null);
            cap.invoke(Callers.ADJUSTER, new Object[] {"claim"}, null);

            dev.steward.core.audit.AuditVerifier.Result result =
                    steward.auditLog().orElseThrow().verify(java.util.Optional.empty());
            assertThat(result.valid()).isTrue();
            assertThat(result.records()).isEqualTo(2);
        }
        try (Steward memory = steward(Map.of("steward.audit.sink", "memory"))) {
            assertThat(memory.auditLog()).isEmpty();
        }
    }

    @Test
    void badFsyncOrCheckpointValuesFailTheBuildNamingTheKey(@TempDir Path dir) {
        String path = dir.resolve("audit.jsonl").toString();
        assertThatThrownBy(
                        () -> steward(Map.of("steward.audit.jsonl.path", path, "steward.audit.checkpoint-every", "0"))
                                .close())
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("steward.audit.checkpoint-every"));
        assertThatThrownBy(() -> steward(
                                Map.of("steward.audit.jsonl.path", path, "steward.audit.jsonl.fsync", "sometimes"))
                        .close())
                .isInstanceOfSatisfying(
                        ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("steward.audit.jsonl.fsync"));
    }
}
