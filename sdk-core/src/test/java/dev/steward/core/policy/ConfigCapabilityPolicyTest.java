package dev.steward.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CallerContext;
import dev.steward.api.spi.CapabilityPolicy.Decision;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigCapabilityPolicyTest {

    private final ConfigCapabilityPolicy policy = new ConfigCapabilityPolicy(new ConfigReader(ConfigValues.of(Map.of(
            "steward.capability.claims.summarize.allowed-roles", "adjuster, supervisor",
            "steward.capability.claims.summarize.allowed-tenants", "acme",
            "steward.capability.faq.answer.allow-anonymous", "true"))));

    private static dev.steward.api.CapabilityDescriptor capability(String name) {
        return new dev.steward.api.CapabilityDescriptor(
                name, "ClaimService#" + name, dev.steward.api.annotation.RiskTier.LOW, Set.of(), "default");
    }

    private static CallerContext caller(String principal, String tenant, String... roles) {
        return new CallerContext(principal, Set.of(roles), tenant, "corr-1");
    }

    @Test
    void allowsACallerWithAnAllowedRoleInAnAllowedTenant() {
        assertThat(policy.authorize(capability("claims.summarize"), caller("adjuster1", "acme", "adjuster")))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void deniesACallerWithoutAnyAllowedRoleNamingTheRoles() {
        Decision decision = policy.authorize(capability("claims.summarize"), caller("clerk1", "acme", "clerk"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason())
                .startsWith("'clerk1' holds none of the roles")
                .contains("adjuster");
    }

    @Test
    void deniesACallerOfAnotherTenantOrOfNone() {
        assertThat(policy.authorize(capability("claims.summarize"), caller("adjuster1", "globex", "adjuster"))
                        .reason())
                .isEqualTo("tenant 'globex' may not use 'claims.summarize'");
        assertThat(policy.authorize(capability("claims.summarize"), caller("adjuster1", null, "adjuster"))
                        .allowed())
                .isFalse();
    }

    @Test
    void deniesAnonymousCallersUnlessTheCapabilityAllowsThem() {
        Decision denied = policy.authorize(capability("claims.summarize"), CallerContext.anonymous("corr-1"));

        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).contains("steward.capability.claims.summarize.allow-anonymous=true");
        assertThat(policy.authorize(capability("faq.answer"), CallerContext.anonymous("corr-2")))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void allowsAnyAuthenticatedCallerWhenNoRoleOrTenantIsConfigured() {
        assertThat(policy.authorize(capability("faq.answer"), caller("visitor", null)))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void tellsIntegrationsWhichRolesACapabilityAllows() {
        assertThat(policy.allowedRoles("claims.summarize")).containsExactlyInAnyOrder("adjuster", "supervisor");
        assertThat(policy.allowedRoles("faq.answer")).isEmpty();
    }
}
