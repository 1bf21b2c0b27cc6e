package dev.steward.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.spi.CaptureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesCaptureStoreTest extends CaptureStoreContract {

    @TempDir
    Path dir;

    @Override
    protected CaptureStore store() {
        return new JsonLinesCaptureStore(dir.resolve("captures/steward-captures.jsonl"));
    }

    @Test
    void capturesSurviveANewInstanceOnTheSameFileOneLineEach() throws Exception {
        Path file = dir.resolve("c.jsonl");
        CaptureRecord r = new CaptureRecord(
                "rec-1", Instant.parse("2026-11-23T10:00:00Z"), "claims.summarize", CaptureMode.FULL, "a\nb", "c");
        new JsonLinesCaptureStore(file).write(r);

        assertThat(new JsonLinesCaptureStore(file).find("rec-1")).contains(r);
        assertThat(Files.readAllLines(file)).hasSize(1);
    }
}
