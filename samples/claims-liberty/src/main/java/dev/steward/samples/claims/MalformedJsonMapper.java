package dev.steward.samples.claims;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is not JSON, or not JSON of the expected shape, is the client's mistake: 400 with a JSON error,
 * and no stack trace in the server log. A body cut off at the size limit keeps its 413.
 */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonbException> {

    /** Created by the JAX-RS runtime. */
    public MalformedJsonMapper() {}

    @Override
    public Response toResponse(JsonbException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException w) {
                return w.getResponse();
            }
        }
        return RequestBodyLimit.refusal(
                Response.Status.BAD_REQUEST, "malformed-json", "the request body is not JSON of the expected form");
    }
}
