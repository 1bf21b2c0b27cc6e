package dev.steward.api;

/** How a governed call, or an approval decision, ended; one per audit record. */
public enum Outcome {
    /** A provider answered and the answer was released. */
    SUCCEEDED,
    /** Every provider failed and the capability's fallback answered. */
    DEGRADED,
    /** The caller may not use the capability. */
    DENIED,
    /** The caller exceeded the capability's rate limit. */
    RATE_LIMITED,
    /** A cost ceiling would have been exceeded. */
    BUDGET_REJECTED,
    /** The capability is switched off by configuration. */
    KILLED,
    /** No provider answered and there was no fallback, or the call failed otherwise. */
    FAILED,
    /** The answer is held for a human's approval. */
    PENDING_APPROVAL,
    /** An approver released a held answer. */
    APPROVED,
    /** An approver rejected a held answer, or it expired. */
    REJECTED,
    /**
     * An attempt to approve or reject was refused (unknown request, already decided or expired, approver without the
     * role, or the requester deciding their own request), or a read of a request's result was refused (unknown request,
     * or a caller who is neither its requester nor an approver); nothing was decided or released. The record's
     * principal is the would-be approver or reader and its reason says what was refused.
     */
    APPROVAL_REFUSED,
    /**
     * An auditor read the capture of a call (or asked for one that is not stored). The record's principal is the
     * reader, its tag {@code steward.capture.audit-record-id} names the record whose capture was asked for, and its
     * reason says whether it was found.
     */
    CAPTURE_READ
}
