package dev.steward.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Which caller-supplied correlation ids Steward accepts: 1 to {@value #MAX_LENGTH} visible ASCII characters
 * ({@code '!'} to {@code '~'}), so that an id cannot flood the audit log, break a log line or smuggle control
 * characters. Any other value is replaced by a new id, and the SHA-256 of the original is recorded in the call's
 * audit record under {@value #ORIGINAL_SHA256_TAG}, so the request that carried it can still be matched.
 */
public final class CorrelationIds {

    /** The longest correlation id accepted from a caller. */
    public static final int MAX_LENGTH = 128;

    /** The audit record tag holding the SHA-256 (hex) of a caller-supplied correlation id that was replaced. */
    public static final String ORIGINAL_SHA256_TAG = "steward.correlation-id.original-sha256";

    private CorrelationIds() {}

    /**
     * The correlation id of a request: the caller's when acceptable, else a new one.
     *
     * @param supplied the header's value, if any
     * @return the id to use
     */
    public static String resolve(Optional<String> supplied) {
        return supplied.filter(CorrelationIds::acceptable)
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /**
     * Whether a caller-supplied id is kept.
     *
     * @param value the header's value
     * @return {@code true} for 1 to {@value #MAX_LENGTH} visible ASCII characters
     */
    public static boolean acceptable(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * The SHA-256 of a value's UTF-8 bytes, in lower-case hex; for an ASCII header the bytes the caller sent.
     *
     * @param value the value as the server decoded it
     * @return 64 hex digits
     */
    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
