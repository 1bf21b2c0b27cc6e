package dev.steward.core.audit;

import dev.steward.api.AuditRecord;
import java.time.Instant;

/**
 * A filter over audit records; {@code null} components match everything. Immutable.
 *
 * @param capability the capability name
 * @param principal the caller's principal
 * @param from the earliest timestamp, inclusive
 * @param to the latest timestamp, exclusive
 * @param limit the most records to return, positive
 */
public record AuditQuery(String capability, String principal, Instant from, Instant to, int limit) {

    /**
     * Validates the limit.
     *
     * @throws IllegalArgumentException if the limit is not positive
     */
    public AuditQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    /**
     * Whether a record matches.
     *
     * @param r the record
     * @return {@code true} if it passes every set filter
     */
    public boolean matches(AuditRecord r) {
        return (capability == null || capability.equals(r.capability()))
                && (principal == null || principal.equals(r.principal()))
                && (from == null || !r.timestamp().isBefore(from))
                && (to == null || r.timestamp().isBefore(to));
    }
}
