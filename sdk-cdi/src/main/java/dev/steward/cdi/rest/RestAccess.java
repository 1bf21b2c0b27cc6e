package dev.steward.cdi.rest;

import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.web.ErrorView;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What the resources share: the runtime, looked up programmatically so that a resource works whether or not the
 * JAX-RS runtime manages it as a CDI bean, the authenticated caller, and error responses.
 */
final class RestAccess {

    private RestAccess() {}

    /**
     * The runtime, when the resources are enabled.
     *
     * @throws WebApplicationException 404 when {@code steward.cdi.rest.enabled} is {@code false}
     */
    static StewardRuntime runtime() {
        StewardRuntime runtime = CDI.current().select(StewardRuntime.class).get();
        if (!runtime.rest().enabled()) {
            // before authentication and before any store is read: a disabled resource behaves as if it did not exist
            throw error(
                    Response.Status.NOT_FOUND,
                    "not-found",
                    "Steward's REST resources are disabled (steward.cdi.rest.enabled=false)",
                    null,
                    null);
        }
        return runtime;
    }

    static CallerContext authenticatedCaller(StewardRuntime runtime) {
        CallerContext caller = runtime.identity().resolve();
        if (caller.isAnonymous()) {
            throw error(Response.Status.UNAUTHORIZED, ErrorView.unauthenticated("a security constraint"));
        }
        return caller;
    }

    static WebApplicationException error(Response.Status status, ErrorView view) {
        return new WebApplicationException(Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(view)
                .build());
    }

    static WebApplicationException error(
            Response.Status status, String code, String message, String capability, String approvalId) {
        return new WebApplicationException(Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorView(code, message, capability, approvalId))
                .build());
    }
}
