package dev.steward.cdi.internal;

import dev.steward.api.CallerContext;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.core.config.CorrelationIds;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves the caller from Jakarta Security's {@link SecurityContext}: the caller principal's name, the roles among
 * those Steward checks that the container grants ({@link SecurityContext#isCallerInRole}), the tenant from the
 * configured source, and the correlation id from the request header when {@link CorrelationIds} accepts it, else a
 * new one. Loaded only when Jakarta Security
 * is present. Thread-safe.
 */
final class SecurityContextIdentityResolver implements IdentityResolver {

    private final Instance<SecurityContext> security;
    private final Set<String> roles;
    private final TenantSource tenants;
    private final RequestHeaders headers;
    private final String correlationHeader;

    private SecurityContextIdentityResolver(
            Instance<SecurityContext> security,
            Set<String> roles,
            TenantSource tenants,
            RequestHeaders headers,
            String correlationHeader) {
        this.security = security;
        this.roles = Set.copyOf(roles);
        this.tenants = tenants;
        this.headers = headers;
        this.correlationHeader = correlationHeader;
    }

    /**
     * The resolver, or {@code null} when the application has no Jakarta Security.
     *
     * @param beanManager the bean manager
     * @param roles the role names to ask the container about
     * @param tenants the tenant source
     * @param headers the request headers
     * @param correlationHeader the correlation id header
     * @return the resolver, or {@code null}
     */
    static IdentityResolver create(
            BeanManager beanManager,
            Set<String> roles,
            TenantSource tenants,
            RequestHeaders headers,
            String correlationHeader) {
        Instance<SecurityContext> security = beanManager.createInstance().select(SecurityContext.class);
        if (!security.isResolvable()) {
            return null;
        }
        return new SecurityContextIdentityResolver(security, roles, tenants, headers, correlationHeader);
    }

    @Override
    public CallerContext resolve() {
        String correlationId = CorrelationIds.resolve(headers.get(correlationHeader));
        SecurityContext context = security.get();
        Principal principal = context.getCallerPrincipal();
        if (principal == null) {
            return CallerContext.anonymous(correlationId);
        }
        Set<String> held = new HashSet<>();
        for (String role : roles) {
            if (context.isCallerInRole(role)) {
                held.add(role);
            }
        }
        return new CallerContext(principal.getName(), held, tenants.tenant(principal), correlationId);
    }
}
