package dev.steward.spring.web;

import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.web.AuditParameters;
import dev.steward.core.web.AuditVerificationView;
import dev.steward.core.web.AuditView;
import dev.steward.core.web.ErrorView;
import dev.steward.spring.internal.StewardRuntime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditors' REST controller at {@code /steward/audit}, registered with {@code steward.spring.rest.enabled=true}; the
 * same JSON as the Jakarta EE resource. {@code GET /steward/audit?capability=&user=&from=&to=&limit=} returns
 * matching records, newest first; {@code GET /steward/audit/verify?checkpointSequence=&checkpointHash=} verifies the
 * hash chain. The caller needs a role of {@code steward.spring.rest.audit-roles}. Errors are JSON {@link ErrorView}s:
 * 400 for a bad parameter, 401 when not authenticated, 403 without an audit role, 501 when the audit sink cannot be
 * read back or verified.
 */
@RestController
@RequestMapping(path = "${steward.spring.rest.base-path:/steward}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class StewardAuditController {

    private final StewardRuntime runtime;
    private final Set<String> auditRoles;

    /**
     * Creates the controller.
     *
     * @param runtime the runtime
     * @param auditRoles the roles that may read audit records
     */
    public StewardAuditController(StewardRuntime runtime, Set<String> auditRoles) {
        this.runtime = runtime;
        this.auditRoles = Set.copyOf(auditRoles);
    }

    /**
     * Searches audit records.
     *
     * @param capability the capability name, or absent
     * @param user the caller's principal, or absent
     * @param from the earliest timestamp, inclusive, or absent
     * @param to the latest timestamp, exclusive, or absent
     * @param limit the most records to return
     * @return the records, newest first
     */
    @GetMapping
    public List<AuditView> search(
            @RequestParam(name = "capability", required = false) String capability,
            @RequestParam(name = "user", required = false) String user,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) Integer limit) {
        Steward steward = StewardWebAccess.auditor(runtime, auditRoles);
        AuditQuery query = badParameter(() -> AuditParameters.query(capability, user, from, to, limit));
        return steward
                .auditTrail()
                .orElseThrow(() -> new StewardWebAccess.HttpError(501, ErrorView.auditNotReadable()))
                .search(query)
                .stream()
                .map(AuditView::of)
                .toList();
    }

    /**
     * Verifies the audit log's hash chain, optionally against a checkpoint.
     *
     * @param checkpointSequence the checkpoint's record number, or absent
     * @param checkpointHash the checkpoint's hash, or absent
     * @return what the verification found; 200 also for a tampered log
     */
    @GetMapping("/verify")
    public AuditVerificationView verify(
            @RequestParam(name = "checkpointSequence", required = false) Long checkpointSequence,
            @RequestParam(name = "checkpointHash", required = false) String checkpointHash) {
        Steward steward = StewardWebAccess.auditor(runtime, auditRoles);
        Optional<AuditVerifier.Checkpoint> checkpoint =
                badParameter(() -> AuditParameters.checkpoint(checkpointSequence, checkpointHash));
        return AuditVerificationView.of(steward.auditLog()
                .orElseThrow(() -> new StewardWebAccess.HttpError(501, ErrorView.auditNotVerifiable()))
                .verify(checkpoint));
    }

    private static <T> T badParameter(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new StewardWebAccess.HttpError(400, ErrorView.badParameter(e.getMessage()));
        }
    }
}
