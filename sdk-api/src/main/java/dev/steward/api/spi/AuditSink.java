package dev.steward.api.spi;

import dev.steward.api.AuditRecord;

/**
 * Receives audit records. Implementations must be thread-safe and must not lose a record silently: when they
 * cannot store one they throw, and Steward fails the call or spools the record by policy.
 */
public interface AuditSink {

    /**
     * Stores or forwards one record.
     *
     * @param record the record
     * @throws RuntimeException when the record could not be accepted
     */
    void write(AuditRecord record);
}
