package dev.steward.api.spi;

import dev.steward.api.AuditRecord;

/**
 * Receives audit records. Implementations must be thread-safe and must not lose a record silently: when they
 * cannot store one they throw, and Steward fails the call closed ({@link dev.steward.api.AuditFailedException}),
 * withholding its answer.
 */
public interface AuditSink {

    /**
     * Stores or forwards one record. Steward releases the call's answer only after this returns, so an
     * implementation returns once the record is as safe as it promises, and should not block without bound.
     *
     * @param record the record
     * @throws RuntimeException when the record could not be accepted
     */
    void write(AuditRecord record);
}
