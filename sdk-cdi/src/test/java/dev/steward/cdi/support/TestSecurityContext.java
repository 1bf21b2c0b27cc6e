package dev.steward.cdi.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Set;

/** Jakarta Security's {@link SecurityContext} as a test sets it: who is logged in, with which roles. */
@ApplicationScoped
public class TestSecurityContext implements SecurityContext {

    private volatile Principal principal;
    private volatile Set<String> roles = Set.of();

    /**
     * Logs a user in.
     *
     * @param name the principal name
     * @param userRoles the roles the container grants
     */
    public void login(String name, String... userRoles) {
        login(() -> name, userRoles);
    }

    /**
     * Logs a principal in.
     *
     * @param user the principal
     * @param userRoles the roles the container grants
     */
    public void login(Principal user, String... userRoles) {
        this.principal = user;
        this.roles = Set.of(userRoles);
    }

    /** Logs out: the caller is anonymous. */
    public void logout() {
        this.principal = null;
        this.roles = Set.of();
    }

    @Override
    public Principal getCallerPrincipal() {
        return principal;
    }

    @Override
    public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
        Principal p = principal;
        return type.isInstance(p) ? Set.of(type.cast(p)) : Set.of();
    }

    @Override
    public boolean isCallerInRole(String role) {
        return roles.contains(role);
    }

    @Override
    public boolean hasAccessToWebResource(String resource, String... methods) {
        return false;
    }

    @Override
    public AuthenticationStatus authenticate(
            HttpServletRequest request, HttpServletResponse response, AuthenticationParameters parameters) {
        throw new UnsupportedOperationException("tests log in directly");
    }
}
