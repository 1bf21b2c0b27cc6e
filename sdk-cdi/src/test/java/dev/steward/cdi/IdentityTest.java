package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CallerContext;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who the caller is: from Jakarta Security with a configurable tenant source, or from the application's own bean. */
class IdentityTest {

    private TestConfig config;

    @AfterEach
    void release() {
        config.release();
    }

    @Test
    void readsTheTenantFromAnAttributeOfTheCallerPrincipal() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.identity.tenant.source", "principal-attribute");
        values.put("steward.identity.tenant.name", "tenant");
        config = TestConfig.install(values);
        try (WeldContainer container = weld(TestSecurityContext.class).initialize()) {
            container
                    .select(TestSecurityContext.class)
                    .get()
                    .login(new TenantPrincipal("adjuster1", "acme"), "adjuster");

            container.select(ClaimsService.class).get().summarize("C-1", "hail");

            CallerContext caller =
                    container.select(TestProvider.class).get().requests().get(0).caller();
            assertThat(caller.principal()).isEqualTo("adjuster1");
            assertThat(caller.tenant()).isEqualTo("acme");
            assertThat(caller.correlationId()).isNotBlank();
        }
    }

    @Test
    void asksTheContainerOnlyAboutRolesThatConfigurationAndAnnotationsName() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.identity.roles", "auditor");
        config = TestConfig.install(values);
        try (WeldContainer container = weld(TestSecurityContext.class).initialize()) {
            container
                    .select(TestSecurityContext.class)
                    .get()
                    .login("adjuster1", "adjuster", "supervisor", "auditor", "payroll");

            container.select(ClaimsService.class).get().summarize("C-1", "hail");

            assertThat(container
                            .select(TestProvider.class)
                            .get()
                            .requests()
                            .get(0)
                            .caller()
                            .roles())
                    .containsExactlyInAnyOrder("adjuster", "supervisor", "auditor");
        }
    }

    @Test
    void usesTheApplicationsIdentityResolverBeanInsteadOfJakartaSecurity() {
        config = TestConfig.install(TestConfig.baseline());
        try (WeldContainer container = weld(FixedIdentity.class).initialize()) {
            container.select(ClaimsService.class).get().summarize("C-1", "hail");

            CallerContext caller =
                    container.select(TestProvider.class).get().requests().get(0).caller();
            assertThat(caller.principal()).isEqualTo("batch-job");
            assertThat(caller.tenant()).isEqualTo("globex");
        }
    }

    @Test
    void treatsEveryCallerAsAnonymousWithoutJakartaSecurityOrResolver() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.capability.claims.summarize.allow-anonymous", "true");
        values.remove("steward.capability.claims.summarize.allowed-roles");
        config = TestConfig.install(values);
        try (WeldContainer container = weld().initialize()) {
            container.select(ClaimsService.class).get().summarize("C-1", "hail");

            assertThat(container
                            .select(TestProvider.class)
                            .get()
                            .requests()
                            .get(0)
                            .caller()
                            .isAnonymous())
                    .isTrue();
        }
    }

    private static Weld weld(Class<?>... extra) {
        return new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(ClaimsService.class, TestProvider.class)
                .addBeanClasses(extra);
    }

    /** A principal type of the application's identity store, carrying the tenant. */
    public record TenantPrincipal(String getName, String tenant) implements Principal {}

    /** An application's own identity resolver, for example for batch jobs. */
    @ApplicationScoped
    public static class FixedIdentity implements IdentityResolver {
        @Override
        public CallerContext resolve() {
            return new CallerContext("batch-job", Set.of("adjuster"), "globex", "batch-1");
        }
    }
}
