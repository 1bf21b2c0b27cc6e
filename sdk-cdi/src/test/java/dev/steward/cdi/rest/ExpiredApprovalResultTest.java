package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.web.ErrorView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The result of a request nobody decided before its expiry is a 409 {@code approval-expired}, not a pending one. */
@EnableWeld
class ExpiredApprovalResultTest {

    /** A capability whose requests wait a fifth of a second. */
    @ApplicationScoped
    public static class QuickApprovals {
        @AiCapability("claims.adjust")
        @RequiresApproval(role = "supervisor", expiry = "PT0.2S")
        public String proposeAdjustment(String claimId) {
            return null;
        }
    }

    private final TestConfig config = TestConfig.install(Map.of(
            "steward.audit.sink", "memory",
            "steward.route.default.providers", TestProvider.NAME,
            "steward.capability.claims.adjust.allowed-roles", "adjuster"));

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(QuickApprovals.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    QuickApprovals claims;

    @Inject
    TestSecurityContext security;

    private final StewardApprovalResource resource = new StewardApprovalResource();

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void anUndecidedRequestPastItsExpiryAnswersConflictApprovalExpired() throws Exception {
        security.login("adjuster1", "adjuster");
        ApprovalPendingException pending =
                catchThrowableOfType(ApprovalPendingException.class, () -> claims.proposeAdjustment("C-3"));
        assertThat(pending).isNotNull();
        assertThat(refusal(() -> resource.result(pending.approvalId())).error()).isEqualTo("approval-pending");

        Thread.sleep(400);

        ErrorView expired = refusal(() -> resource.result(pending.approvalId()));
        assertThat(expired.error()).isEqualTo("approval-expired");
        assertThat(expired.approvalId()).isEqualTo(pending.approvalId());
    }

    private static ErrorView refusal(Runnable call) {
        WebApplicationException e = catchThrowableOfType(WebApplicationException.class, call::run);
        assertThat(e).isNotNull();
        assertThat(e.getResponse().getStatus()).isEqualTo(409);
        return (ErrorView) e.getResponse().getEntity();
    }
}
