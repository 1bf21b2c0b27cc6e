package dev.steward.cdi.internal;

import jakarta.json.JsonString;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant from a claim of a MicroProfile JWT caller. Loaded only when configured, so the JWT API is needed only
 * then. Thread-safe.
 */
final class JwtClaimTenantSource implements TenantSource {

    private final String claim;

    JwtClaimTenantSource(String claim) {
        this.claim = claim;
    }

    @Override
    public String tenant(Principal principal) {
        if (!(principal instanceof JsonWebToken jwt)) {
            return null;
        }
        Object value = jwt.getClaim(claim);
        if (value == null) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
