package dev.steward.cdi.rest;

import dev.steward.api.StewardException;
import dev.steward.core.web.ErrorStatus;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Maps Steward's exceptions escaping an application's JAX-RS resources to HTTP responses with a JSON
 * {@link ErrorView}, with the status {@link ErrorStatus} decides. It is a {@code @Provider}: an application that relies on Jakarta REST scanning gets it for all of
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
        ErrorStatus error = ErrorStatus.of(e);
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.body());
        if (error.retryAfterSeconds() != null) {
            response.header("Retry-After", error.retryAfterSeconds());
        }
        return response.build();
    }
}
