package dev.steward.cdi;

import dev.steward.core.config.IdentitySettings;
import java.util.List;
import java.util.Set;

/**
 * The configuration keys the CDI integration reads itself, through MicroProfile Config, in addition to the core's
 * {@code steward.*} keys. The {@code steward.identity.*} keys are core's {@link IdentitySettings}, which the Spring
 * integration reads too. Every key under {@code steward.identity.} and {@code steward.cdi.} not listed here fails
 * deployment, naming the key.
 */
public final class CdiConfigKeys {

    /**
     * Where the caller's tenant comes from: {@code none} (default), {@code header} (an HTTP request header),
     * {@code claim} (a claim of a MicroProfile JWT caller) or {@code principal-attribute} (a getter of the caller
     * principal, for identity stores that return their own principal type).
     */
    public static final String TENANT_SOURCE = IdentitySettings.TENANT_SOURCE;

    /**
     * The header name, claim name or principal attribute name the tenant is read from; required unless
     * {@link #TENANT_SOURCE} is {@code none}.
     */
    public static final String TENANT_NAME = IdentitySettings.TENANT_NAME;

    /**
     * The HTTP request header a correlation id is taken from, default {@code X-Correlation-Id}. A value of more than
     * 128 characters, or with any character outside visible ASCII, is replaced by a new id, and its SHA-256 is recorded
     * in the audit record's tag {@code steward.correlation-id.original-sha256}.
     */
    public static final String CORRELATION_HEADER = IdentitySettings.CORRELATION_HEADER;

    /**
     * Extra role names, comma-separated, that Steward asks the container about for every caller, for custom
     * {@code CapabilityPolicy} beans that check roles no configuration or annotation names.
     */
    public static final String EXTRA_ROLES = IdentitySettings.EXTRA_ROLES;

    /** The roles, comma-separated, allowed to read audit records over REST; default {@code steward-auditor}. */
    public static final String REST_AUDIT_ROLES = "steward.cdi.rest.audit-roles";

    /**
     * The roles, comma-separated, allowed to read captured prompts and answers over REST; default none, so that
     * nobody may until a deployment names a role.
     */
    public static final String REST_CAPTURE_ROLES = "steward.cdi.rest.capture-roles";

    /**
     * Whether Steward's REST resources answer, default {@code true}. With {@code false} every request to them is a 404
     * with a JSON error body, and neither the approval store nor the audit sink is touched; the exception mapper is
     * not affected.
     */
    public static final String REST_ENABLED = "steward.cdi.rest.enabled";

    /**
     * The largest request body, in bytes, Steward's REST resources read, default 1048576 (1 MiB). A larger body is
     * refused with 413 before it is read: at once when its {@code Content-Length} says so, else as soon as reading it
     * passes the limit.
     */
    public static final String REST_MAX_BODY_BYTES = "steward.cdi.rest.max-body-bytes";

    /** The tenant sources {@link #TENANT_SOURCE} accepts. */
    public static final List<String> TENANT_SOURCES = List.of("none", "header", "claim", "principal-attribute");

    /** Every key of this integration. */
    public static final Set<String> ALL = Set.of(
            TENANT_SOURCE,
            TENANT_NAME,
            CORRELATION_HEADER,
            EXTRA_ROLES,
            REST_AUDIT_ROLES,
            REST_CAPTURE_ROLES,
            REST_ENABLED,
            REST_MAX_BODY_BYTES);

    /** The prefixes this integration owns. */
    public static final List<String> PREFIXES = List.of("steward.identity.", "steward.cdi.");

    private CdiConfigKeys() {}
}
