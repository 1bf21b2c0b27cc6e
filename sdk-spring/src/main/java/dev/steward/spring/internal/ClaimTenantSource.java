package dev.steward.spring.internal;

import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Reads the tenant from a claim of the caller's token: a JWT ({@code Jwt}, an OIDC user: any {@link ClaimAccessor}
 * principal) or an introspected opaque token ({@link OAuth2AuthenticatedPrincipal}). A caller without such a token, or
 * whose token lacks the claim, has no tenant. Loaded only when Spring Security's OAuth2 support is present.
 * Thread-safe.
 */
final class ClaimTenantSource implements Function<Authentication, String> {

    private final String claim;

    ClaimTenantSource(String claim) {
        this.claim = claim;
    }

    @Override
    public String apply(Authentication authentication) {
        Object principal = authentication.getPrincipal();
        if (principal instanceof ClaimAccessor token) {
            return token.getClaimAsString(claim);
        }
        if (principal instanceof OAuth2AuthenticatedPrincipal introspected) {
            Object value = introspected.getAttribute(claim);
            return value == null ? null : value.toString();
        }
        return null;
    }
}
