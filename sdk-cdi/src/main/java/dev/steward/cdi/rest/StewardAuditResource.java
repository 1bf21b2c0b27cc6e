package dev.steward.cdi.rest;

import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditTrail;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.audit.VerifiableAuditLog;
import dev.steward.core.web.AuditParameters;
import dev.steward.core.web.AuditVerificationView;
import dev.steward.core.web.AuditView;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * Auditors' REST resource, at {@code steward/audit} below the application path: {@code GET
 * steward/audit?capability=&user=&from=&to=&limit=} returns matching audit records, newest first. {@code from}
 * (inclusive) and {@code to} (exclusive) are ISO-8601 instants; {@code limit} defaults to 100 and is at most 1000.
 * The caller needs one of the roles of {@code steward.cdi.rest.audit-roles} (default {@code steward-auditor}).
 *
 * <p>{@code GET steward/audit/verify?checkpointSequence=&checkpointHash=} verifies the audit log's hash chain (see
 * {@link VerifiableAuditLog}), optionally against a checkpoint kept earlier (both parameters or neither), and returns
 * an {@link AuditVerificationView}: 200 whether or not the log is intact, so read {@code valid}. Same roles.
 *
 * <p>501 when the configured audit sink cannot be read back (or, for {@code verify}, cannot be verified). Active in an
 * application that relies on Jakarta REST scanning or that lists it in {@code Application#getClasses};
 * {@code steward.cdi.rest.enabled=false} turns it off (404). Errors are JSON {@link ErrorView}s: 400 for a bad
 * parameter (a {@code limit} or {@code checkpointSequence} that is not a number included), 401 when not authenticated,
 * 403 without an audit role.
 */
@Path("steward/audit")
@Produces(MediaType.APPLICATION_JSON)
public class StewardAuditResource {

    /** Created by the JAX-RS runtime. */
    public StewardAuditResource() {}

    /**
     * Searches audit records.
     *
     * @param capability the capability name, or absent for all
     * @param user the caller's principal, or absent for all
     * @param from the earliest timestamp, inclusive, or absent
     * @param to the latest timestamp, exclusive, or absent
     * @param limit the most records to return
     * @return the records, newest first
     * @throws jakarta.ws.rs.WebApplicationException 400, 401 or 403 as described on the class
     */
    @GET
    public List<AuditView> search(
            @QueryParam("capability") String capability,
            @QueryParam("user") String user,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        StewardRuntime runtime = auditor();
        AuditQuery query = badParameter(
                () -> AuditParameters.query(capability, user, from, to, whole("limit", limit, Integer::valueOf)));
        AuditTrail trail = runtime.steward()
                .auditTrail()
                .orElseThrow(() -> RestAccess.error(Response.Status.NOT_IMPLEMENTED, ErrorView.auditNotReadable()));
        return trail.search(query).stream().map(AuditView::of).toList();
    }

    /**
     * Verifies the audit log's hash chain, optionally against a checkpoint.
     *
     * @param checkpointSequenceParam the checkpoint's record number, or absent
     * @param checkpointHash the checkpoint's hash (64 lower-case hex digits), or absent
     * @return what the verification found; 200 also for a tampered log
     * @throws jakarta.ws.rs.WebApplicationException 400 when only one checkpoint parameter is given or one is malformed,
     *     401, 403, or 501 when the audit sink cannot be verified
     */
    @GET
    @Path("verify")
    public AuditVerificationView verify(
            @QueryParam("checkpointSequence") String checkpointSequenceParam,
            @QueryParam("checkpointHash") String checkpointHash) {
        StewardRuntime runtime = auditor();
        Optional<AuditVerifier.Checkpoint> checkpoint = badParameter(() -> AuditParameters.checkpoint(
                whole("checkpointSequence", checkpointSequenceParam, Long::valueOf), checkpointHash));
        VerifiableAuditLog log = runtime.steward()
                .auditLog()
                .orElseThrow(() -> RestAccess.error(Response.Status.NOT_IMPLEMENTED, ErrorView.auditNotVerifiable()));
        return AuditVerificationView.of(log.verify(checkpoint));
    }

    // The runtime, once the caller is authenticated and holds an audit role.
    private static StewardRuntime auditor() {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        if (runtime.auditRoles().stream().noneMatch(caller::hasRole)) {
            throw RestAccess.error(Response.Status.FORBIDDEN, ErrorView.auditNotAllowed(runtime.auditRoles()));
        }
        return runtime;
    }

    // parsed here rather than bound by the runtime, which answers a non-number with a bare 404
    private static <N extends Number> N whole(String name, String value, java.util.function.Function<String, N> parse) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
            throw new IllegalArgumentException(name + " must be a whole number, was '" + shown + "'");
        }
    }

    private static <T> T badParameter(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw RestAccess.error(Response.Status.BAD_REQUEST, ErrorView.badParameter(e.getMessage()));
        }
    }
}
