package dev.steward.core.web;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDisabledException;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.RateLimitedException;
import dev.steward.api.StewardException;

/**
 * The HTTP answer to a Steward exception: its status, its JSON body and, for a rate limit, the seconds to put in
 * {@code Retry-After}. Immutable.
 *
 * <ul>
 *   <li>{@code ApprovalPendingException}: 202 Accepted, with the approval id (the answer will come).
 *   <li>{@code CapabilityDisabledException}: 503; other {@code CapabilityDeniedException}: 403.
 *   <li>{@code ApprovalNotAllowedException}: 403; {@code ApprovalRejectedException}: 409.
 *   <li>{@code RateLimitedException}: 429 with {@code Retry-After}; {@code BudgetExceededException}: 429.
 *   <li>{@code InferenceUnavailableException}: 503; any other: 500.
 * </ul>
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param retryAfterSeconds the {@code Retry-After} seconds, or {@code null}
 */
public record ErrorStatus(int status, ErrorView body, Long retryAfterSeconds) {

    /**
     * The answer to an exception.
     *
     * @param e the exception
     * @return the status, body and retry hint
     */
    public static ErrorStatus of(StewardException e) {
        String approvalId = null;
        int status;
        String code;
        if (e instanceof ApprovalPendingException pending) {
            status = 202;
            code = "approval-pending";
            approvalId = pending.approvalId();
        } else if (e instanceof CapabilityDisabledException) {
            status = 503;
            code = "capability-disabled";
        } else if (e instanceof CapabilityDeniedException) {
            status = 403;
            code = "capability-denied";
        } else if (e instanceof ApprovalNotAllowedException) {
            status = 403;
            code = "approval-not-allowed";
        } else if (e instanceof ApprovalRejectedException rejected) {
            status = 409;
            code = "approval-rejected";
            approvalId = rejected.approvalId();
        } else if (e instanceof RateLimitedException || e instanceof BudgetExceededException) {
            status = 429;
            code = e instanceof RateLimitedException ? "rate-limited" : "budget-exceeded";
        } else if (e instanceof InferenceUnavailableException) {
            status = 503;
            code = "inference-unavailable";
        } else {
            status = 500;
            code = "steward-error";
        }
        Long retryAfter = e instanceof RateLimitedException limited && limited.retryAfter() != null
                ? Math.max(1, limited.retryAfter().toSeconds())
                : null;
        return new ErrorStatus(status, new ErrorView(code, e.getMessage(), e.capability(), approvalId), retryAfter);
    }
}
