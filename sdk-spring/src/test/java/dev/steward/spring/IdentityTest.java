package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CallerContext;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.spring.internal.StewardRuntime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who calls, as Steward sees it, comes from Spring Security and the current request. */
class IdentityTest {

    private static final ApplicationContextRunner RUNNER =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private static CallerContext resolve(ApplicationContextRunner runner) {
        CallerContext[] seen = new CallerContext[1];
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            seen[0] = context.getBean(StewardRuntime.class).identity().resolve();
        });
        return seen[0];
    }

    private static void request(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/claims");
        request.addHeader(header, value);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void theAuthenticationNamesTheCallerAndItsAuthoritiesAreRolesWithoutTheRolePrefix() throws Exception {
        request("X-Correlation-Id", "corr-42");
        CallerContext caller =
                as(user("adjuster1", "ROLE_adjuster", "SCOPE_claims", "claims:read"), () -> resolve(RUNNER));
        assertThat(caller.principal()).isEqualTo("adjuster1");
        assertThat(caller.roles()).containsExactlyInAnyOrder("adjuster", "SCOPE_claims", "claims:read");
        assertThat(caller.tenant()).isNull();
        assertThat(caller.correlationId()).isEqualTo("corr-42");
    }

    @Test
    void theRolePrefixIsConfigurableAndEmptyKeepsAuthoritiesAsTheyAre() throws Exception {
        CallerContext grouped = as(
                user("adjuster1", "GROUP_adjuster", "ROLE_x"),
                () -> resolve(RUNNER.withPropertyValues("steward.spring.security.role-prefix=GROUP_")));
        assertThat(grouped.roles()).containsExactlyInAnyOrder("adjuster", "ROLE_x");
        CallerContext unprefixed = as(
                user("adjuster1", "ROLE_adjuster"),
                () -> resolve(RUNNER.withPropertyValues("steward.spring.security.role-prefix=")));
        assertThat(unprefixed.roles()).containsExactly("ROLE_adjuster");
    }

    @Test
    void noOrAnAnonymousAuthenticationIsAnAnonymousCallerWithAFreshCorrelationId() throws Exception {
        CallerContext nobody = resolve(RUNNER);
        assertThat(nobody.isAnonymous()).isTrue();
        assertThat(nobody.correlationId()).isNotBlank();
        CallerContext anonymous = as(
                new AnonymousAuthenticationToken(
                        "key", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))),
                () -> resolve(RUNNER));
        assertThat(anonymous.isAnonymous()).isTrue();
    }

    @Test
    void theTenantComesFromARequestHeaderByConfiguration() throws Exception {
        request("X-Tenant", "acme");
        CallerContext caller = as(
                user("adjuster1", "ROLE_adjuster"),
                () -> resolve(RUNNER.withPropertyValues(
                        "steward.identity.tenant.source=header",
                        "steward.identity.tenant.name=X-Tenant",
                        "steward.identity.correlation-header=X-Request-Id")));
        assertThat(caller.tenant()).isEqualTo("acme");
        assertThat(caller.correlationId()).isNotBlank();
    }

    @Test
    void theTenantComesFromAJwtClaimByConfiguration() throws Exception {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "none")
                .subject("adjuster2")
                .claim("tenant", "globex")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        CallerContext caller = as(
                new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("SCOPE_claims"))),
                () -> resolve(RUNNER.withPropertyValues(
                        "steward.identity.tenant.source=claim", "steward.identity.tenant.name=tenant")));
        assertThat(caller.principal()).isEqualTo("adjuster2");
        assertThat(caller.tenant()).isEqualTo("globex");
        assertThat(caller.roles()).containsExactly("SCOPE_claims");
    }

    @Test
    void anIdentityResolverBeanReplacesSpringSecurity() {
        IdentityResolver fixed = () -> new CallerContext("batch", Set.of("system"), "acme", "corr-batch");
        assertThat(resolve(RUNNER.withBean(IdentityResolver.class, () -> fixed)).principal())
                .isEqualTo("batch");
    }
}
