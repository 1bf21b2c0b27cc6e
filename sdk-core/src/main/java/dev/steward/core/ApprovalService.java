package dev.steward.core;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.spi.StewardObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Decisions on held answers: list what an approver may decide, approve or reject with a reason, and collect a
 * released answer. Every decision (and every expiry noticed) is audited with who decided. An approver must hold the
 * request's role and must not be the caller who asked (four eyes). Every refused attempt to decide (unknown request,
 * already decided or expired, missing role, own request), every refused read of a result, and every resume of an id
 * that holds no tool call to resume, is audited too, as {@link Outcome#APPROVAL_REFUSED} with the would-be approver,
 * reader or resumer as principal, before the refusal is thrown. Thread-safe: a decision is a compare-and-set in
 * the store, so two approvers cannot both decide one request.
 */
public final class ApprovalService {

    /** The capability of the audit record of a refused attempt on a request id that does not exist. */
    public static final String UNKNOWN_CAPABILITY = "(unknown)";

    private static final System.Logger LOG = System.getLogger(ApprovalService.class.getName());

    private final ApprovalStore store;
    private final AuditSink audit;
    private final StewardObserver observer;
    private final java.util.function.Function<String, dev.steward.api.CapabilityDescriptor> capabilities;
    private final Clock clock;
    private final String currency;

    ApprovalService(
            ApprovalStore store,
            AuditSink audit,
            StewardObserver observer,
            java.util.function.Function<String, dev.steward.api.CapabilityDescriptor> capabilities,
            Clock clock,
            String currency) {
        this.store = store;
        this.audit = audit;
        this.observer = observer;
        this.capabilities = capabilities;
        this.clock = clock;
        this.currency = currency;
    }

    /**
     * The pending requests an approver may decide, oldest first; requests past expiry are marked expired instead.
     *
     * @param approver the approver
     * @return the requests, excluding the approver's own calls
     */
    public List<ApprovalRequest> pending(CallerContext approver) {
        return store.pending(approver.roles()).stream()
                .filter(r -> !expireIfDue(r))
                .filter(r -> !Objects.equals(r.requester().principal(), approver.principal()))
                .toList();
    }

    /**
     * Every pending request that awaits one of the roles, oldest first, for operators watching the queue; it decides
     * nothing and, unlike {@link #pending(CallerContext)}, expires nothing.
     *
     * @param approverRoles the approver roles
     * @return the requests
     */
    public List<ApprovalRequest> awaiting(Set<String> approverRoles) {
        return store.pending(approverRoles);
    }

    /**
     * Finds a request.
     *
     * @param id the request id
     * @return the request
     * @throws ApprovalNotAllowedException if no request has that id
     */
    public ApprovalRequest find(String id) {
        return store.find(id)
                .orElseThrow(() -> new ApprovalNotAllowedException(null, "no approval request has id '" + id + "'"));
    }

    /**
     * Releases a held answer.
     *
     * @param id the request id
     * @param approver who approves
     * @param reason why, may be {@code null}
     * @return the decided request
     * @throws ApprovalNotAllowedException if the request is unknown, already decided or expired, or the approver
     *     lacks its role or asked for it; the refusal is audited first (if that audit fails, the refusal is still
     *     thrown, with the audit failure added as suppressed, and logged)
     * @throws AuditFailedException if the decision could not be audited (it stands)
     */
    public ApprovalRequest approve(String id, CallerContext approver, String reason) {
        return decide(id, approver, ApprovalStatus.APPROVED, reason);
    }

    /**
     * Refuses a held answer for good.
     *
     * @param id the request id
     * @param approver who rejects
     * @param reason why, may be {@code null}
     * @return the decided request
     * @throws ApprovalNotAllowedException if the request is unknown, already decided or expired, or the approver
     *     lacks its role or asked for it; the refusal is audited first (if that audit fails, the refusal is still
     *     thrown, with the audit failure added as suppressed, and logged)
     * @throws AuditFailedException if the decision could not be audited (it stands)
     */
    public ApprovalRequest reject(String id, CallerContext approver, String reason) {
        return decide(id, approver, ApprovalStatus.REJECTED, reason);
    }

    /**
     * The released answer of a request.
     *
     * @param id the request id
     * @return the answer, once approved
     * @throws ApprovalPendingException while it awaits a decision
     * @throws ApprovalRejectedException if it was rejected or expired
     * @throws ApprovalNotAllowedException if no request has that id
     */
    public String result(String id) {
        return released(find(id)).output();
    }

    /**
     * A request with its released answer, for a caller who may see it: its requester (the same principal, and the
     * same tenant when the request has one) or an approver (a holder of the request's approver role). A refused read
     * (unknown request, or a caller who is neither) is audited as {@link Outcome#APPROVAL_REFUSED} with the reader as
     * principal before the refusal is thrown, as a refused decision is; a read that is allowed is not audited.
     *
     * @param id the request id
     * @param reader who asks
     * @return the approved request; its {@link ApprovalRequest#output()} is the released answer
     * @throws ApprovalNotAllowedException if no request has that id (the exception's capability is then {@code null})
     *     or the reader is neither its requester nor an approver
     * @throws ApprovalPendingException while it awaits a decision
     * @throws ApprovalRejectedException if it was rejected, or expired (then without an approver)
     */
    public ApprovalRequest released(String id, CallerContext reader) {
        ApprovalRequest r = store.find(id).orElse(null);
        if (r == null) {
            throw refused(
                    null,
                    id,
                    reader,
                    "unknown request: read of the result refused",
                    new ApprovalNotAllowedException(null, "no approval request has id '" + id + "'"));
        }
        if (!mayRead(r, reader)) {
            throw refused(
                    r,
                    id,
                    reader,
                    "neither the requester nor a '" + r.approverRole() + "': read of the result refused",
                    new ApprovalNotAllowedException(
                            r.capability(),
                            "'" + reader.principal() + "' may not read the result of approval request " + id
                                    + ": only its requester or a holder of the role '" + r.approverRole() + "' may"));
        }
        return released(r);
    }

    // the requester's tenant counts only when the request has one: an application without tenants has none
    private static boolean mayRead(ApprovalRequest r, CallerContext reader) {
        if (reader.isAnonymous()) {
            return false;
        }
        CallerContext requester = r.requester();
        boolean isRequester = reader.principal().equals(requester.principal())
                && (requester.tenant() == null || requester.tenant().equals(reader.tenant()));
        return isRequester || reader.hasRole(r.approverRole());
    }

    private ApprovalRequest released(ApprovalRequest request) {
        ApprovalRequest r = request;
        String id = r.id();
        if (r.status() == ApprovalStatus.PENDING && expireIfDue(r)) {
            r = find(id);
        }
        return switch (r.status()) {
            case APPROVED, RESUMED -> r;
            case PENDING ->
                throw new ApprovalPendingException(
                        r.capability(), id, "approval request " + id + " awaits a '" + r.approverRole() + "'");
            case REJECTED ->
                throw new ApprovalRejectedException(
                        r.capability(),
                        id,
                        r.decidedBy(),
                        "rejected by " + r.decidedBy() + (r.reason() == null ? "" : ": " + r.reason()));
            case EXPIRED ->
                throw new ApprovalRejectedException(
                        r.capability(), id, null, "approval request " + id + " expired at " + r.expiresAt());
        };
    }

    private ApprovalRequest decide(String id, CallerContext approver, ApprovalStatus status, String reason) {
        String attempt = status == ApprovalStatus.APPROVED ? "approve" : "reject";
        ApprovalRequest r = store.find(id).orElse(null);
        if (r == null) {
            throw refused(
                    null,
                    id,
                    approver,
                    "unknown request: " + attempt + " refused",
                    new ApprovalNotAllowedException(null, "no approval request has id '" + id + "'"));
        }
        if (expireIfDue(r)) {
            throw refused(
                    r,
                    id,
                    approver,
                    "expired request: " + attempt + " refused",
                    new ApprovalNotAllowedException(
                            r.capability(), "approval request " + id + " expired at " + r.expiresAt()));
        }
        if (approver.isAnonymous() || !approver.hasRole(r.approverRole())) {
            throw refused(
                    r,
                    id,
                    approver,
                    "missing role '" + r.approverRole() + "': " + attempt + " refused",
                    new ApprovalNotAllowedException(
                            r.capability(),
                            "'" + approver.principal() + "' may not decide approval request " + id
                                    + ": it needs the role '" + r.approverRole() + "'"));
        }
        if (approver.principal().equals(r.requester().principal())) {
            throw refused(
                    r,
                    id,
                    approver,
                    "self-approval: " + attempt + " of the approver's own request refused",
                    new ApprovalNotAllowedException(
                            r.capability(),
                            "'" + approver.principal() + "' may not approve or reject their own request " + id));
        }
        ApprovalRequest decided = r.decide(status, approver.principal(), clock.instant(), reason);
        if (!store.compareAndSet(decided, ApprovalStatus.PENDING)) {
            ApprovalRequest now = find(id);
            throw refused(
                    now,
                    id,
                    approver,
                    "already " + now.status() + ": " + attempt + " refused",
                    new ApprovalNotAllowedException(
                            r.capability(),
                            "approval request " + id + " was already " + now.status() + " by " + now.decidedBy()));
        }
        record(decided, status == ApprovalStatus.APPROVED ? Outcome.APPROVED : Outcome.REJECTED, reason);
        return decided;
    }

    // Audits a refused resume of an id under which no tool call is held that this instance could resume (an unknown
    // request, one of a capability not declared here or of another one, or one holding an answer) and returns the
    // refusal to throw. The exception's capability is null for an unknown id, as find() has it.
    ApprovalNotAllowedException refusedResume(String id, CallerContext caller, String capability) {
        ApprovalRequest r = store.find(id).orElse(null);
        if (r == null) {
            return refused(
                    null,
                    id,
                    caller,
                    "unknown request: resume refused",
                    new ApprovalNotAllowedException(null, "no approval request has id '" + id + "'"));
        }
        if (capability == null) {
            return refused(
                    r,
                    id,
                    caller,
                    "capability not declared here: resume refused",
                    new ApprovalNotAllowedException(
                            r.capability(),
                            "approval request " + id + " belongs to '" + r.capability()
                                    + "', which this instance does not declare"));
        }
        return refused(
                r,
                id,
                caller,
                "no tool call of '" + capability + "' held: resume refused",
                new ApprovalNotAllowedException(
                        capability,
                        "no tool call of '" + capability + "' is held under approval request '" + id + "'"));
    }

    // Audits a refused attempt to decide and returns the refusal to throw; an audit failure does not hide the refusal.
    private ApprovalNotAllowedException refused(
            ApprovalRequest r, String id, CallerContext approver, String what, ApprovalNotAllowedException refusal) {
        String capability = r == null ? UNKNOWN_CAPABILITY : r.capability();
        dev.steward.api.CapabilityDescriptor declared = r == null ? null : capabilities.apply(capability);
        AuditRecord record = new AuditRecord(
                UUID.randomUUID().toString(),
                clock.instant(),
                capability,
                "approval",
                null,
                null,
                null,
                approver.principal(),
                approver.tenant(),
                approver.correlationId(),
                null,
                null,
                null,
                TokenUsage.NONE,
                Money.zero(currency),
                Duration.ZERO,
                Outcome.APPROVAL_REFUSED,
                what,
                List.of(),
                id,
                null,
                declared == null ? null : declared.risk(),
                declared == null ? java.util.Set.of() : declared.dataClasses(),
                java.util.Map.of());
        try {
            audit.write(record);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "refused attempt on approval request " + id + " could not be audited: " + e);
            refusal.addSuppressed(e);
            return refusal;
        }
        observer.onAudit(record);
        return refusal;
    }

    private boolean expireIfDue(ApprovalRequest r) {
        Instant now = clock.instant();
        if (r.status() != ApprovalStatus.PENDING || now.isBefore(r.expiresAt())) {
            return false;
        }
        ApprovalRequest expired = r.decide(ApprovalStatus.EXPIRED, null, now, "expired");
        if (store.compareAndSet(expired, ApprovalStatus.PENDING)) {
            record(expired, Outcome.REJECTED, "expired undecided at " + r.expiresAt());
        }
        return true;
    }

    private void record(ApprovalRequest r, Outcome outcome, String reason) {
        dev.steward.api.CapabilityDescriptor declared = capabilities.apply(r.capability());
        AuditRecord record = new AuditRecord(
                UUID.randomUUID().toString(),
                r.decidedAt(),
                r.capability(),
                "approval",
                null,
                null,
                null,
                r.requester().principal(),
                r.requester().tenant(),
                r.requester().correlationId(),
                null,
                null,
                null,
                TokenUsage.NONE,
                Money.zero(currency),
                Duration.ZERO,
                outcome,
                reason,
                List.of(),
                r.id(),
                r.decidedBy(),
                declared == null ? null : declared.risk(),
                declared == null ? java.util.Set.of() : declared.dataClasses(),
                java.util.Map.of());
        try {
            audit.write(record);
        } catch (RuntimeException e) {
            throw new AuditFailedException(
                    r.capability(),
                    "decision on approval request " + r.id() + " was taken but its audit record could not be stored: "
                            + e,
                    e);
        }
        // each observer is isolated: one that throws neither stops the others nor changes the decision
        observer.onApprovalDecided(r);
        observer.onAudit(record);
    }
}
