package dev.steward.core;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;

/**
 * Hooks for integrations (CDI events, Spring events, metrics). Methods are called on the calling thread after the
 * fact; an exception from a listener is logged and does not affect the call. Implementations must be thread-safe.
 */
public interface StewardListener {

    /** A listener that does nothing. */
    StewardListener NONE = new StewardListener() {};

    /**
     * An audit record was stored.
     *
     * @param record the record
     */
    default void onAudit(AuditRecord record) {}

    /**
     * An answer is now held for approval.
     *
     * @param request the pending request
     */
    default void onApprovalRequested(ApprovalRequest request) {}

    /**
     * An approval request was decided or expired.
     *
     * @param request the decided request
     */
    default void onApprovalDecided(ApprovalRequest request) {}
}
