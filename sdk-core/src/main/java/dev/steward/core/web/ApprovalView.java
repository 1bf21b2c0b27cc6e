package dev.steward.core.web;

import dev.steward.api.ApprovalRequest;
import java.time.Instant;

/**
 * An approval request as the REST resources show it to an approver, held answer included. Immutable.
 *
 * @param id the request id
 * @param capability the capability name
 * @param requester who made the call
 * @param tenant the requester's tenant, or {@code null}
 * @param approverRole the role an approver must hold
 * @param output the held answer
 * @param confidence the answer's confidence, or {@code null} when the provider gave none
 * @param createdAt when the request was made
 * @param expiresAt when it expires undecided
 * @param status {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code EXPIRED}
 * @param decidedBy who decided, or {@code null}
 * @param decidedAt when, or {@code null}
 * @param reason the approver's reason, or {@code null}
 */
public record ApprovalView(
        String id,
        String capability,
        String requester,
        String tenant,
        String approverRole,
        String output,
        Double confidence,
        Instant createdAt,
        Instant expiresAt,
        String status,
        String decidedBy,
        Instant decidedAt,
        String reason) {

    /**
     * The view of a request.
     *
     * @param r the request
     * @return the view
     */
    public static ApprovalView of(ApprovalRequest r) {
        return new ApprovalView(
                r.id(),
                r.capability(),
                r.requester().principal(),
                r.requester().tenant(),
                r.approverRole(),
                r.output(),
                r.confidence().isPresent() ? r.confidence().getAsDouble() : null,
                r.createdAt(),
                r.expiresAt(),
                r.status().name(),
                r.decidedBy(),
                r.decidedAt(),
                r.reason());
    }
}
