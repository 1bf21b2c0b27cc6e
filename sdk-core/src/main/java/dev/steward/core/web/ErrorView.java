package dev.steward.core.web;

/**
 * The JSON body of every error the resources and the exception mapper return. Immutable.
 *
 * @param error a stable code, for example {@code capability-denied}
 * @param message what was wrong, for a person
 * @param capability the capability concerned, or {@code null}
 * @param approvalId the approval request concerned, or {@code null}
 */
public record ErrorView(String error, String message, String capability, String approvalId) {

    /**
     * The caller is not authenticated (401).
     *
     * @param how how to protect the path in the integration, for example with a security constraint
     * @return the view
     */
    public static ErrorView unauthenticated(String how) {
        return new ErrorView("unauthenticated", "authenticate first: protect this path with " + how, null, null);
    }

    /**
     * The caller holds none of the audit roles (403).
     *
     * @param auditRoles the roles that may read audit records
     * @return the view
     */
    public static ErrorView auditNotAllowed(java.util.Set<String> auditRoles) {
        return new ErrorView(
                "audit-not-allowed", "reading audit records needs one of the roles " + auditRoles, null, null);
    }

    /**
     * The audit sink cannot be read back (501).
     *
     * @return the view
     */
    public static ErrorView auditNotReadable() {
        return new ErrorView(
                "audit-not-readable",
                "the configured audit sink cannot be read back; use steward.audit.sink=memory or jsonl",
                null,
                null);
    }

    /**
     * The audit sink keeps no hash chain (501).
     *
     * @return the view
     */
    public static ErrorView auditNotVerifiable() {
        return new ErrorView(
                "audit-not-verifiable",
                "the configured audit sink keeps no hash chain; use steward.audit.sink=jsonl or a store that"
                        + " implements VerifiableAuditLog",
                null,
                null);
    }

    /**
     * A query parameter is wrong (400).
     *
     * @param message which parameter and what is right, as {@link AuditParameters} says
     * @return the view
     */
    public static ErrorView badParameter(String message) {
        return new ErrorView("bad-parameter", message, null, null);
    }
}
