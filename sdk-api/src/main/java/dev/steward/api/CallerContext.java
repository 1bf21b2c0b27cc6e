package dev.steward.api;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling a capability: the principal, the roles Steward may check, the tenant and a correlation id that
 * ties the call to the request that caused it. Immutable and thread-safe.
 *
 * @param principal the authenticated principal name, or {@code null} for an anonymous caller
 * @param roles the caller's roles relevant to Steward; never {@code null}
 * @param tenant the tenant the call is made for, or {@code null} when the application has no tenants
 * @param correlationId an id propagated to the gateway and into audit; never {@code null}
 */
public record CallerContext(String principal, Set<String> roles, String tenant, String correlationId) {

    /**
     * Validates and copies the roles.
     *
     * @throws NullPointerException if {@code roles} or {@code correlationId} is {@code null}
     */
    public CallerContext {
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /**
     * An anonymous caller with no roles.
     *
     * @param correlationId the correlation id
     * @return the caller context
     */
    public static CallerContext anonymous(String correlationId) {
        return new CallerContext(null, Set.of(), null, correlationId);
    }

    /**
     * Whether the caller is authenticated.
     *
     * @return {@code true} when there is no principal
     */
    public boolean isAnonymous() {
        return principal == null;
    }

    /**
     * Whether the caller holds a role.
     *
     * @param role the role name
     * @return {@code true} if {@link #roles()} contains it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
