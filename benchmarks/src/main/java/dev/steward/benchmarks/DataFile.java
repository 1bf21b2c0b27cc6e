package dev.steward.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file of the project that a benchmark reads in place, such as a module's test data: named by its path from the
 * project root, found from the working directory or one of its parents (so from the root, as {@code run.sh} runs, and
 * from the module, as the build's tests run), unless a system property names it. Nothing is copied.
 *
 * @param property the system property that overrides where the file is
 * @param relative the file's path from the project root
 */
public record DataFile(String property, String relative) {

    /**
     * Where the file is.
     *
     * @return the file
     * @throws IllegalStateException if the property names no readable file, or the file is under neither the working
     *     directory nor a parent of it; the message says what to set
     */
    public Path locate() {
        return locate(System.getProperty(property), Path.of("").toAbsolutePath());
    }

    /**
     * Why the file cannot be found, or empty when it can.
     *
     * @return the reason
     */
    public Optional<String> unavailable() {
        try {
            locate();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    Path locate(String override, Path from) {
        if (override != null) {
            Path file = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalStateException("-D" + property + "=" + override + " names no readable file");
            }
            return file;
        }
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(relative);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException(relative + " is not under " + from + " nor a parent of it; run from the"
                + " project's checkout or name the file with -D" + property + "=FILE");
    }

    /**
     * The {@code text} of every row of a JSON-lines file; the other fields are not read.
     *
     * @param file the file
     * @return the texts, in the file's order
     * @throws IOException if the file cannot be read, or a row is not JSON or has no {@code text}
     */
    public static List<String> texts(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode text = json.readTree(line).get("text");
            if (text == null || !text.isTextual()) {
                throw new IOException(file + ":" + number + " has no \"text\"");
            }
            texts.add(text.asText());
        }
        return texts;
    }

    /**
     * The size of texts in kilobytes: their UTF-8 bytes over 1,024.
     *
     * @param texts the texts
     * @return the kilobytes
     */
    public static double kilobytes(List<String> texts) {
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes / 1024.0;
    }
}
