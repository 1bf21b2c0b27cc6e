package dev.steward.spring;

import dev.steward.core.config.IdentitySettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration keys the Spring integration reads itself, from Spring's {@code Environment}, in addition to the
 * core's {@code steward.*} keys. The {@code steward.identity.*} keys are core's {@link IdentitySettings}, shared with
 * the Jakarta EE integration. Every other key under {@code steward.identity.}, {@code steward.spring.} or
 * {@code steward.cdi.} fails startup, naming the key.
 */
public final class SpringConfigKeys {

    /** Where the caller's tenant comes from: {@code none} (default), {@code header} or {@code claim}. */
    public static final String TENANT_SOURCE = IdentitySettings.TENANT_SOURCE;

    /** The header or claim name the tenant is read from; required unless {@link #TENANT_SOURCE} is {@code none}. */
    public static final String TENANT_NAME = IdentitySettings.TENANT_NAME;

    /** The HTTP request header a correlation id is taken from, default {@code X-Correlation-Id}. */
    public static final String CORRELATION_HEADER = IdentitySettings.CORRELATION_HEADER;

    /** Accepted for parity with Jakarta EE; with Spring Security every authority already becomes a role. */
    public static final String EXTRA_ROLES = IdentitySettings.EXTRA_ROLES;

    /**
     * The prefix taken off a granted authority to make a Steward role, default {@code ROLE_}: the authority
     * {@code ROLE_supervisor} ({@code hasRole("supervisor")}) is the role {@code supervisor}. Authorities without the
     * prefix ({@code SCOPE_claims}, {@code claims:approve}) are roles as they are. Empty keeps every authority as it is.
     */
    public static final String ROLE_PREFIX = "steward.spring.security.role-prefix";

    /**
     * Whether the approval and audit REST controllers are registered (under {@link #REST_BASE_PATH}), default
     * {@code false}. Needs a Spring MVC application; secure the paths with Spring Security.
     */
    public static final String REST_ENABLED = "steward.spring.rest.enabled";

    /**
     * The path the REST controllers are mapped under, default {@code /steward} ({@code /steward/approvals},
     * {@code /steward/audit}): a path starting with {@code /}, without a trailing {@code /}.
     */
    public static final String REST_BASE_PATH = "steward.spring.rest.base-path";

    /** The roles, comma-separated, allowed to read audit records over REST; default {@code steward-auditor}. */
    public static final String REST_AUDIT_ROLES = "steward.spring.rest.audit-roles";

    /** The tenant sources {@link #TENANT_SOURCE} accepts in Spring. */
    public static final List<String> TENANT_SOURCES = List.of("none", "header", "claim");

    /** Every key of this integration. */
    public static final Set<String> ALL;

    /** The prefixes this integration checks: its own, the shared identity keys, and the Jakarta EE integration's. */
    public static final List<String> PREFIXES = List.of("steward.identity.", "steward.spring.", "steward.cdi.");

    static {
        Set<String> all = new HashSet<>(IdentitySettings.KEYS);
        all.add(ROLE_PREFIX);
        all.add(REST_ENABLED);
        all.add(REST_AUDIT_ROLES);
        all.add(REST_BASE_PATH);
        ALL = Set.copyOf(all);
    }

    private SpringConfigKeys() {}
}
