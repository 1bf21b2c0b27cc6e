package dev.steward.cdi.rest;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDisabledException;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.RateLimitedException;
import dev.steward.api.StewardException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Maps Steward's exceptions escaping an application's JAX-RS resources to HTTP responses with a JSON
 * {@link ErrorView}. It is a {@code @Provider}: an application that relies on Jakarta REST scanning gets it for all of
 * its resources, on purpose, as one that lists it in {@code Application#getClasses} does; it maps only
 * {@link StewardException}s, so every other exception keeps the application's own handling. An application mapper
 * for a Steward subclass (say {@code ApprovalPendingException}) is the closer match and wins for that type; one for
 * {@code StewardException} itself competes with this one, so give it a {@code @Priority}, or list classes without this
 * one. {@code steward.cdi.rest.enabled} does not affect it.
 *
 * <ul>
 *   <li>{@code ApprovalPendingException}: 202 Accepted, with the approval id (the answer will come).
 *   <li>{@code CapabilityDisabledException}: 503; other {@code CapabilityDeniedException}: 403.
 *   <li>{@code ApprovalNotAllowedException}: 403; {@code ApprovalRejectedException}: 409.
 *   <li>{@code RateLimitedException}: 429 with {@code Retry-After}; {@code BudgetExceededException}: 429.
 *   <li>{@code InferenceUnavailableException}: 503; any other: 500.
 * </ul>
 */
@Provider
public class StewardExceptionMapper implements ExceptionMapper<StewardException> {

    /** Created by the JAX-RS runtime. */
    public StewardExceptionMapper() {}

    /**
     * Maps an exception.
     *
     * @param e the exception
     * @return the response
     */
    @Override
    public Response toResponse(StewardException e) {
        String approvalId = null;
        Response.Status status;
        String code;
        if (e instanceof ApprovalPendingException pending) {
            status = Response.Status.ACCEPTED;
            code = "approval-pending";
            approvalId = pending.approvalId();
        } else if (e instanceof CapabilityDisabledException) {
            status = Response.Status.SERVICE_UNAVAILABLE;
            code = "capability-disabled";
        } else if (e instanceof CapabilityDeniedException) {
            status = Response.Status.FORBIDDEN;
            code = "capability-denied";
        } else if (e instanceof ApprovalNotAllowedException) {
            status = Response.Status.FORBIDDEN;
            code = "approval-not-allowed";
        } else if (e instanceof ApprovalRejectedException rejected) {
            status = Response.Status.CONFLICT;
            code = "approval-rejected";
            approvalId = rejected.approvalId();
        } else if (e instanceof RateLimitedException || e instanceof BudgetExceededException) {
            status = Response.Status.TOO_MANY_REQUESTS;
            code = e instanceof RateLimitedException ? "rate-limited" : "budget-exceeded";
        } else if (e instanceof InferenceUnavailableException) {
            status = Response.Status.SERVICE_UNAVAILABLE;
            code = "inference-unavailable";
        } else {
            status = Response.Status.INTERNAL_SERVER_ERROR;
            code = "steward-error";
        }
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorView(code, e.getMessage(), e.capability(), approvalId));
        if (e instanceof RateLimitedException limited && limited.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, limited.retryAfter().toSeconds()));
        }
        return response.build();
    }
}
