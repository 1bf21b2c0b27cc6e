package dev.steward.cdi.internal;

import java.security.Principal;

/** Tells the caller's tenant. Implementations must be thread-safe. */
@FunctionalInterface
interface TenantSource {

    /** No tenants. */
    TenantSource NONE = principal -> null;

    /**
     * The tenant of an authenticated caller.
     *
     * @param principal the caller principal
     * @return the tenant, or {@code null} when the source does not name one
     */
    String tenant(Principal principal);
}
