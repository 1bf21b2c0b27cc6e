package dev.steward.cdi.rest;

import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditTrail;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.audit.VerifiableAuditLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final int MAX_LIMIT = 1000;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

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
        Long requested = number("limit", limit);
        long max = requested == null ? 100 : requested;
        if (max < 1 || max > MAX_LIMIT) {
            throw RestAccess.error(
                    Response.Status.BAD_REQUEST,
                    "bad-parameter",
                    "limit must be in [1, " + MAX_LIMIT + "]",
                    null,
                    null);
        }
        AuditQuery query = new AuditQuery(
                blankToNull(capability), blankToNull(user), instant("from", from), instant("to", to), (int) max);
        AuditTrail trail = runtime.steward()
                .auditTrail()
                .orElseThrow(() -> RestAccess.error(
                        Response.Status.NOT_IMPLEMENTED,
                        "audit-not-readable",
                        "the configured audit sink cannot be read back; use steward.audit.sink=memory or jsonl",
                        null,
                        null));
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
        Long checkpointSequence = number("checkpointSequence", checkpointSequenceParam);
        String hash = blankToNull(checkpointHash);
        if ((checkpointSequence == null) != (hash == null)) {
            throw RestAccess.error(
                    Response.Status.BAD_REQUEST,
                    "bad-parameter",
                    "give both checkpointSequence and checkpointHash, or neither",
                    null,
                    null);
        }
        Optional<AuditVerifier.Checkpoint> checkpoint = Optional.empty();
        if (hash != null) {
            if (checkpointSequence < 1 || !HASH.matcher(hash).matches()) {
                throw RestAccess.error(
                        Response.Status.BAD_REQUEST,
                        "bad-parameter",
                        "checkpointSequence must be positive and checkpointHash 64 lower-case hex digits",
                        null,
                        null);
            }
            checkpoint = Optional.of(new AuditVerifier.Checkpoint(checkpointSequence, hash));
        }
        VerifiableAuditLog log = runtime.steward()
                .auditLog()
                .orElseThrow(() -> RestAccess.error(
                        Response.Status.NOT_IMPLEMENTED,
                        "audit-not-verifiable",
                        "the configured audit sink keeps no hash chain; use steward.audit.sink=jsonl or a store that"
                                + " implements VerifiableAuditLog",
                        null,
                        null));
        return AuditVerificationView.of(log.verify(checkpoint));
    }

    // The runtime, once the caller is authenticated and holds an audit role.
    private static StewardRuntime auditor() {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        if (runtime.auditRoles().stream().noneMatch(caller::hasRole)) {
            throw RestAccess.error(
                    Response.Status.FORBIDDEN,
                    "audit-not-allowed",
                    "reading audit records needs one of the roles " + runtime.auditRoles(),
                    null,
                    null);
        }
        return runtime;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw RestAccess.error(
                    Response.Status.BAD_REQUEST,
                    "bad-parameter",
                    name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, was '" + shorten(value) + "'",
                    null,
                    null);
        }
    }

    // parsed here rather than bound by the runtime, which answers a non-number with a bare 404
    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw RestAccess.error(
                    Response.Status.BAD_REQUEST,
                    "bad-parameter",
                    name + " must be a whole number, was '" + shorten(value) + "'",
                    null,
                    null);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
