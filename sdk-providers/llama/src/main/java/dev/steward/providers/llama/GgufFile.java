package dev.steward.providers.llama;

import dev.steward.api.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks that a path names a readable GGUF file before the native library sees it: llama.cpp's own errors for a
 * missing or foreign file are terse and, for some inputs, not recoverable in-process.
 */
final class GgufFile {

    private static final byte[] MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

    private GgufFile() {}

    /**
     * Validates a model file.
     *
     * @param path the file
     * @param key the full configuration key that named it
     * @return the absolute, normalized path
     * @throws ConfigurationException naming the key when the file is missing, unreadable or not GGUF
     */
    static Path check(Path path, String key) {
        Path file = path.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new ConfigurationException(key, "model file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationException(key, "model file " + file + " is not a readable regular file");
        }
        byte[] head = new byte[MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ConfigurationException(key, "model file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (read < MAGIC.length || !Arrays.equals(head, MAGIC)) {
            throw new ConfigurationException(
                    key,
                    "model file " + file + " is not a GGUF file (it does not start with the bytes \"GGUF\"); "
                            + "convert the model to GGUF with llama.cpp's tools");
        }
        return file;
    }
}
