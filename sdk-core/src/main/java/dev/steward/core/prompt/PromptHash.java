package dev.steward.core.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash recorded for a prompt: lower-case hex SHA-256 of its UTF-8 bytes. */
public final class PromptHash {

    private PromptHash() {}

    /**
     * Hashes a template.
     *
     * @param text the template text
     * @return the hex digest
     */
    public static String of(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
