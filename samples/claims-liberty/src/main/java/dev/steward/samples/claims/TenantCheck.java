package dev.steward.samples.claims;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stands in for the organisation's front proxy, which would set the tenant header from the signed-in user's account:
 * a request whose {@code X-Tenant} header names another tenant than the user's ({@code claims.tenant.<user>} in
 * {@code microprofile-config.properties}) is refused with 403, so that no client chooses its own tenant. A request
 * without the header has no tenant.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class TenantCheck implements ContainerRequestFilter {

    /** The header Steward reads the tenant from ({@code steward.identity.tenant.name}). */
    static final String HEADER = "X-Tenant";

    /** Created by the JAX-RS runtime. */
    public TenantCheck() {}

    @Override
    public void filter(ContainerRequestContext request) {
        String claimed = request.getHeaderString(HEADER);
        if (claimed == null || claimed.isBlank()) {
            return;
        }
        Principal user = request.getSecurityContext().getUserPrincipal();
        Optional<String> own = user == null
                ? Optional.empty()
                : ConfigProvider.getConfig().getOptionalValue("claims.tenant." + user.getName(), String.class);
        if (own.isEmpty() || !own.get().equals(claimed.trim())) {
            request.abortWith(RequestBodyLimit.refusal(
                    Response.Status.FORBIDDEN,
                    "tenant-not-yours",
                    "'" + (user == null ? "anonymous" : user.getName()) + "' does not belong to tenant '"
                            + claimed.trim() + "'"));
        }
    }
}
