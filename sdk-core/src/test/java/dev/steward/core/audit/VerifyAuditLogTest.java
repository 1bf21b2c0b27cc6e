package dev.steward.core.audit;

import static dev.steward.core.audit.JsonLinesAuditSinkTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAuditLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VerifyAuditLog.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static AuditVerifier.Checkpoint write(Path file, int n) throws Exception {
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 16, Duration.ofSeconds(10))) {
            for (int i = 1; i <= n; i++) {
                sink.write(record(i, "adjuster1"));
            }
            return sink.head().orElseThrow();
        }
    }

    @Test
    void exitsZeroForAnIntactFileAndPrintsItsHead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditVerifier.Checkpoint head = write(file, 3);

        assertThat(run(file.toString(), "3", head.hash())).isEqualTo(VerifyAuditLog.VALID);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("VALID")
                .contains("3 records")
                .contains("hash=" + head.hash());
    }

    @Test
    void exitsOneForATamperedFileNamingTheFirstBadRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        write(file, 3);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(2)));

        assertThat(run(file.toString())).isEqualTo(VerifyAuditLog.TAMPERED);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("TAMPERED").contains("first bad record 2");
    }

    @Test
    void exitsOneForATailCutBeforeTheCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditVerifier.Checkpoint head = write(file, 3);
        Files.write(file, Files.readAllLines(file).subList(0, 2));

        assertThat(run(file.toString(), "3", head.hash())).isEqualTo(VerifyAuditLog.TAMPERED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("first bad record 3");
    }

    @Test
    void exitsTwoForWrongArgumentsOrAMissingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        write(file, 1);

        assertThat(run()).isEqualTo(VerifyAuditLog.USAGE);
        assertThat(run(file.toString(), "3")).isEqualTo(VerifyAuditLog.USAGE);
        assertThat(run(file.toString(), "x", "0".repeat(64))).isEqualTo(VerifyAuditLog.USAGE);
        assertThat(run(file.toString(), "0", "0".repeat(64))).isEqualTo(VerifyAuditLog.USAGE);
        assertThat(run(file.toString(), "1", "not-a-hash")).isEqualTo(VerifyAuditLog.USAGE);
        assertThat(run(dir.resolve("missing.jsonl").toString())).isEqualTo(VerifyAuditLog.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("no audit file");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
