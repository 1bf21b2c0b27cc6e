package dev.steward.core.audit;

import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import java.util.List;

/**
 * An audit sink that stores several records at once, in the order given: what a {@link SpoolingAuditSink} replays a
 * backlog through, one transaction for many records instead of one per record. Implementations must be thread-safe.
 */
public interface BatchAuditSink extends AuditSink {

    /**
     * Stores the records, in their order, after every record accepted before the call; returns once all are as safe
     * as {@link #write} promises for one. A record already stored (recognised by its id) is not stored again.
     *
     * @param records the records, oldest first
     * @throws RuntimeException if the records could not all be stored (some may have been; offering them again
     *     stores each at most once)
     */
    void writeAll(List<AuditRecord> records);
}
