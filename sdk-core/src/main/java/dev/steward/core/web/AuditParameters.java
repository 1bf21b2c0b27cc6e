package dev.steward.core.web;

import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditVerifier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the query parameters of the audit endpoints: {@code capability}, {@code user}, {@code from}, {@code to}
 * (ISO-8601 instants), {@code limit} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) for a search, and
 * {@code checkpointSequence} with {@code checkpointHash} for a verification. Stateless.
 */
public final class AuditParameters {

    /** The number of records a search returns without {@code limit}. */
    public static final int DEFAULT_LIMIT = 100;

    /** The most records one search returns. */
    public static final int MAX_LIMIT = 1000;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private AuditParameters() {}

    /**
     * A search from its parameters; blank ones mean "any".
     *
     * @param capability the capability name, or {@code null}
     * @param user the caller's principal, or {@code null}
     * @param from the earliest timestamp, inclusive, or {@code null}
     * @param to the latest timestamp, exclusive, or {@code null}
     * @param limit the most records, or {@code null} for the default
     * @return the query
     * @throws IllegalArgumentException saying which parameter is wrong and what is right, for a 400 response
     */
    public static AuditQuery query(String capability, String user, String from, String to, Integer limit) {
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "]");
        }
        return new AuditQuery(
                blankToNull(capability), blankToNull(user), instant("from", from), instant("to", to), max);
    }

    /**
     * The checkpoint to verify against, from both parameters or neither.
     *
     * @param sequence the checkpoint's record number, or {@code null}
     * @param hash the checkpoint's hash, 64 lower-case hex digits, or {@code null}
     * @return the checkpoint, or empty when neither is given
     * @throws IllegalArgumentException when only one is given or one is malformed, for a 400 response
     */
    public static Optional<AuditVerifier.Checkpoint> checkpoint(Long sequence, String hash) {
        String h = blankToNull(hash);
        if ((sequence == null) != (h == null)) {
            throw new IllegalArgumentException("give both checkpointSequence and checkpointHash, or neither");
        }
        if (h == null) {
            return Optional.empty();
        }
        if (sequence < 1 || !HASH.matcher(h).matches()) {
            throw new IllegalArgumentException(
                    "checkpointSequence must be positive and checkpointHash 64 lower-case hex digits");
        }
        return Optional.of(new AuditVerifier.Checkpoint(sequence, h));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, was '" + value + "'", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
