package dev.steward.spring.internal;

import dev.steward.api.CallerContext;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.core.config.IdentitySettings;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Resolves the caller from Spring Security's {@link SecurityContextHolder}: the authentication's name as principal,
 * every granted authority as a role (with the role prefix taken off, so {@code ROLE_supervisor} is
 * {@code supervisor}), the tenant from the configured source and the correlation id from the request header or a new
 * one. An absent, unauthenticated or anonymous authentication is an anonymous caller. Loaded only when Spring
 * Security is present. Thread-safe.
 */
final class SpringSecurityIdentityResolver implements IdentityResolver {

    private final String rolePrefix;
    private final Function<Authentication, String> tenants;
    private final RequestHeaders headers;
    private final IdentitySettings settings;

    SpringSecurityIdentityResolver(
            String rolePrefix,
            Function<Authentication, String> tenants,
            RequestHeaders headers,
            IdentitySettings settings) {
        this.rolePrefix = rolePrefix;
        this.tenants = tenants;
        this.headers = headers;
        this.settings = settings;
    }

    /**
     * The resolver for the identity settings.
     *
     * @param settings the {@code steward.identity.*} settings
     * @param rolePrefix the prefix taken off authorities
     * @param headers the request headers
     * @return the resolver
     * @throws ConfigurationException naming {@code steward.identity.tenant.source} when it is {@code claim} and Spring
     *     Security's OAuth2 support is missing
     */
    static IdentityResolver create(IdentitySettings settings, String rolePrefix, RequestHeaders headers) {
        String name = settings.tenantName();
        Function<Authentication, String> tenants = switch (settings.tenantSource()) {
            case "header" -> a -> headers.get(name).orElse(null);
            case "claim" -> {
                if (!Classes.present("org.springframework.security.oauth2.core.ClaimAccessor")) {
                    throw new ConfigurationException(
                            IdentitySettings.TENANT_SOURCE,
                            "'claim' needs Spring Security's OAuth2 support (spring-security-oauth2-core, for"
                                    + " example through spring-boot-starter-oauth2-resource-server); use"
                                    + " header");
                }
                yield new ClaimTenantSource(name);
            }
            default -> a -> null;
        };
        return new SpringSecurityIdentityResolver(rolePrefix, tenants, headers, settings);
    }

    @Override
    public CallerContext resolve() {
        String correlationId = settings.correlationId(headers::get);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return CallerContext.anonymous(correlationId);
        }
        Set<String> roles = new HashSet<>();
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority == null || authority.isBlank()) {
                continue;
            }
            roles.add(
                    !rolePrefix.isEmpty() && authority.startsWith(rolePrefix)
                            ? authority.substring(rolePrefix.length())
                            : authority);
        }
        return new CallerContext(authentication.getName(), roles, tenants.apply(authentication), correlationId);
    }
}
