package dev.steward.api;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An answer held for a human's sign-off, with its decision once taken. Immutable: a decision yields a new
 * instance through {@link #decide}.
 *
 * @param id the request id
 * @param capability the capability name
 * @param requester who made the call
 * @param approverRole the role an approver must hold
 * @param output the held answer, released only after approval
 * @param confidence the answer's confidence, if the provider gave one
 * @param createdAt when the request was made
 * @param expiresAt when it expires undecided
 * @param status where it stands
 * @param decidedBy who decided, or {@code null} while pending
 * @param decidedAt when it was decided, or {@code null} while pending
 * @param reason the approver's reason, or {@code null}
 */
public record ApprovalRequest(
        String id,
        String capability,
        CallerContext requester,
        String approverRole,
        String output,
        OptionalDouble confidence,
        Instant createdAt,
        Instant expiresAt,
        ApprovalStatus status,
        String decidedBy,
        Instant decidedAt,
        String reason) {

    /**
     * Validates the required components.
     *
     * @throws NullPointerException if a required component is {@code null}
     */
    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(approverRole, "approverRole");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    /**
     * This request with a decision.
     *
     * @param newStatus the decision
     * @param approver who decided
     * @param at when
     * @param why the reason, may be {@code null}
     * @return the decided request
     */
    public ApprovalRequest decide(ApprovalStatus newStatus, String approver, Instant at, String why) {
        return new ApprovalRequest(
                id,
                capability,
                requester,
                approverRole,
                output,
                confidence,
                createdAt,
                expiresAt,
                newStatus,
                approver,
                at,
                why);
    }
}
