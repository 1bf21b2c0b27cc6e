package dev.steward.api;

/** Where an approval request stands. */
public enum ApprovalStatus {
    /** Waiting for a decision. */
    PENDING,
    /** Released by an approver. */
    APPROVED,
    /** Refused by an approver. */
    REJECTED,
    /** Not decided before its expiry; treated as rejected. */
    EXPIRED,
    /**
     * An approved tool call whose conversation has resumed: the tool ran once, and the request cannot resume again.
     */
    RESUMED
}
