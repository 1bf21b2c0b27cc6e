package dev.steward.core.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.steward.api.CaptureRecord;
import dev.steward.api.spi.CaptureStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Captures in a JSON-lines file of their own ({@code steward.capture.path}), one capture per line, apart from the
 * audit log. Appends are written through at once; a read scans the file; a purge rewrites the file without the old
 * lines and moves it into place atomically, so a crash during a purge leaves the old file whole. All operations are
 * serialized on this instance's lock, which is enough for the rare reads and purges and one append per captured
 * call. One instance per file: two instances, or two processes, must not share it.
 */
public final class JsonLinesCaptureStore implements CaptureStore {

    /** The file when none is configured: {@code steward-captures.jsonl} in the working directory. */
    public static final String DEFAULT_PATH = "steward-captures.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Path path;

    /**
     * A store on a file, created with its parent directories if missing.
     *
     * @param path the file
     * @throws IllegalStateException if the file cannot be created
     */
    public JsonLinesCaptureStore(Path path) {
        this.path = Objects.requireNonNull(path, "path");
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the capture file " + path + ": " + e, e);
        }
    }

    /**
     * The file.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the file cannot be written
     */
    @Override
    public synchronized void write(CaptureRecord record) {
        String line = json(record) + "\n";
        try {
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot append the capture of audit record " + record.auditRecordId() + " to " + path, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the file cannot be read, or a line of it is not a capture
     */
    @Override
    public synchronized Optional<CaptureRecord> find(String auditRecordId) {
        Objects.requireNonNull(auditRecordId, "auditRecordId");
        // the id is a plain token in the line, so most lines are skipped without parsing them
        String needle = "\"" + auditRecordId + "\"";
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(needle)) {
                    CaptureRecord r = parse(line);
                    if (r.auditRecordId().equals(auditRecordId)) {
                        return Optional.of(r);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the capture file " + path, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the file cannot be rewritten, or a line of it is not a capture
     */
    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        Path next = path.resolveSibling(path.getFileName() + ".purging");
        int removed = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (parse(line).capturedAt().isBefore(cutoff)) {
                    removed++;
                } else {
                    out.write(line);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot purge the capture file " + path, e);
        }
        try {
            if (removed == 0) {
                Files.delete(next);
            } else {
                Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot replace the capture file " + path + " after a purge", e);
        }
        return removed;
    }

    private static String json(CaptureRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "the capture of audit record " + record.auditRecordId() + " cannot be written as JSON", e);
        }
    }

    private CaptureRecord parse(String line) {
        try {
            return MAPPER.readValue(line, CaptureRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a line of the capture file " + path + " is not a capture", e);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesCaptureStore[" + path + "]";
    }
}
