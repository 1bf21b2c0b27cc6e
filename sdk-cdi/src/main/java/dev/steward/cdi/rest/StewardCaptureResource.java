package dev.steward.cdi.rest;

import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Forensic reads of captured prompts and answers ({@code steward.capability.<name>.capture}), at
 * {@code steward/captures} below the application path: {@code GET steward/captures/{auditRecordId}} returns the
 * {@link CaptureView} of the call with that audit record id.
 *
 * <p>The caller needs one of the roles of {@code steward.cdi.rest.capture-roles}, which names none by default, so
 * nobody may read captures until a deployment names a role; holding an audit role is not enough. Every read by such a
 * caller is itself audited before anything is returned: a record with outcome {@code CAPTURE_READ}, the reader as
 * principal and the id read in its tag {@code steward.capture.audit-record-id}, also when nothing is found.
 *
 * <p>Errors are JSON {@link ErrorView}s: 401 when not authenticated, 403 without a capture role, 404 when no capture
 * of that id is stored (never captured, purged after {@code steward.capture.retention}, or capture not enabled), and
 * 404 for everything when {@code steward.cdi.rest.enabled=false}. A read that cannot be audited fails with the audit
 * error and returns no text.
 */
@Path("steward/captures")
@Produces(MediaType.APPLICATION_JSON)
public class StewardCaptureResource {

    /** Created by the JAX-RS runtime. */
    public StewardCaptureResource() {}

    /**
     * Reads the capture of one call, auditing the read.
     *
     * @param auditRecordId the id of the call's audit record
     * @return the capture
     * @throws jakarta.ws.rs.WebApplicationException 401, 403 or 404 as described on the class
     * @throws dev.steward.api.AuditFailedException if the read could not be audited
     */
    @GET
    @Path("{auditRecordId}")
    public CaptureView read(@PathParam("auditRecordId") String auditRecordId) {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        if (runtime.captureRoles().stream().noneMatch(caller::hasRole)) {
            throw RestAccess.error(
                    Response.Status.FORBIDDEN,
                    "capture-not-allowed",
                    runtime.captureRoles().isEmpty()
                            ? "no role may read captures; name the roles in steward.cdi.rest.capture-roles"
                            : "reading captures needs one of the roles " + runtime.captureRoles(),
                    null,
                    null);
        }
        return runtime.steward()
                .captures()
                .read(auditRecordId, caller)
                .map(CaptureView::of)
                .orElseThrow(() -> RestAccess.error(
                        Response.Status.NOT_FOUND,
                        "capture-not-found",
                        "no capture of audit record " + auditRecordId + " is stored (not captured, or purged)",
                        null,
                        null));
    }
}
