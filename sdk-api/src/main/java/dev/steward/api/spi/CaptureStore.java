package dev.steward.api.spi;

import dev.steward.api.CaptureRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the prompts and answers captured for forensics, apart from the audit log and linked to it by audit record
 * id. Steward writes a capture after the call's audit record is stored, reads one for an auditor, and purges those
 * older than the retention period ({@code steward.capture.retention}). Implementations must be thread-safe.
 */
public interface CaptureStore {

    /**
     * Stores a capture.
     *
     * @param record the capture
     * @throws IllegalArgumentException if a capture of the same audit record id is already stored
     * @throws IllegalStateException if the store cannot be written
     */
    void write(CaptureRecord record);

    /**
     * Reads the capture of one call.
     *
     * @param auditRecordId the id of the call's audit record
     * @return the capture, or empty if none is stored (never captured, or purged)
     * @throws IllegalStateException if the store cannot be read
     */
    Optional<CaptureRecord> find(String auditRecordId);

    /**
     * Deletes every capture taken before an instant.
     *
     * @param cutoff captures with {@link CaptureRecord#capturedAt()} before this are deleted
     * @return how many were deleted
     * @throws IllegalStateException if the store cannot be written
     */
    int purgeBefore(Instant cutoff);
}
