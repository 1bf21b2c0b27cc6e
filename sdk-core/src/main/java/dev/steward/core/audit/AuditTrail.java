package dev.steward.core.audit;

import dev.steward.api.AuditRecord;
import java.util.List;

/** Audit records that can be read back, for the approval console and the audit REST resource. */
public interface AuditTrail {

    /**
     * The records that match, newest first.
     *
     * @param query the filter
     * @return at most {@code query.limit()} records
     */
    List<AuditRecord> search(AuditQuery query);
}
