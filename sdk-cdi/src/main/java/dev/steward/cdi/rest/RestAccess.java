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

    static StewardRuntime runtime() {
        return CDI.current().select(StewardRuntime.class).get();
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
