package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.Steward;
import dev.steward.core.web.ApprovalView;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Approvers list and decide held answers through {@code steward/approvals}, called as JAX-RS would call it. */
@EnableWeld
class StewardApprovalResourceTest {

    private final TestConfig config = TestConfig.install(TestConfig.baseline());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    ClaimsService claims;

    @Inject
    TestSecurityContext security;

    @Inject
    Steward steward;

    private final StewardApprovalResource resource = new StewardApprovalResource();

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void listsTheHeldAnswerToAnApproverOfItsRole() {
        String approvalId = heldAdjustment("adjuster1", "C-9");

        security.login("supervisor1", "supervisor");

        assertThat(resource.pending()).singleElement().satisfies(view -> {
            assertThat(view.id()).isEqualTo(approvalId);
            assertThat(view.capability()).isEqualTo("claims.adjust");
            assertThat(view.requester()).isEqualTo("adjuster1");
            assertThat(view.approverRole()).isEqualTo("supervisor");
            assertThat(view.output()).isEqualTo("answer to: Propose an adjustment for claim C-9");
            assertThat(view.confidence()).isNull();
            assertThat(view.status()).isEqualTo("PENDING");
            assertThat(view.expiresAt()).isAfter(view.createdAt());
            assertThat(view.decidedBy()).isNull();
        });
    }

    @Test
    void showsNothingToACallerWithoutTheApproverRole() {
        heldAdjustment("adjuster1", "C-9");

        security.login("adjuster2", "adjuster");

        assertThat(resource.pending()).isEmpty();
    }

    @Test
    void approvingReleasesTheAnswerAndRecordsWhoApprovedAndWhy() {
        String approvalId = heldAdjustment("adjuster1", "C-9");
        security.login("supervisor1", "supervisor");

        ApprovalView view = resource.approve(approvalId, null, body("looks right"));

        assertThat(view.status()).isEqualTo("APPROVED");
        assertThat(view.decidedBy()).isEqualTo("supervisor1");
        assertThat(view.decidedAt()).isNotNull();
        assertThat(view.reason()).isEqualTo("looks right");
        assertThat(steward.approvals().result(approvalId)).isEqualTo("answer to: Propose an adjustment for claim C-9");
        assertThat(resource.pending()).isEmpty();
    }

    @Test
    void rejectingWithoutABodyRecordsNoReason() {
        String approvalId = heldAdjustment("adjuster1", "C-9");
        security.login("supervisor1", "supervisor");

        ApprovalView view = resource.reject(approvalId, null, null);

        assertThat(view.status()).isEqualTo("REJECTED");
        assertThat(view.decidedBy()).isEqualTo("supervisor1");
        assertThat(view.reason()).isNull();
    }

    @Test
    void refusesWithForbiddenWhenTheRequesterTriesToApproveTheirOwnRequest() {
        String approvalId = heldAdjustment("adjuster1", "C-9");
        security.login("adjuster1", "adjuster", "supervisor");

        WebApplicationException refused = catchThrowableOfType(
                WebApplicationException.class, () -> resource.approve(approvalId, null, body("mine")));

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat((ErrorView) refused.getResponse().getEntity()).satisfies(error -> {
            assertThat(error.error()).isEqualTo("approval-not-allowed");
            assertThat(error.capability()).isEqualTo("claims.adjust");
            assertThat(error.approvalId()).isEqualTo(approvalId);
        });
    }

    @Test
    void refusesWithForbiddenToDecideARequestTwice() {
        String approvalId = heldAdjustment("adjuster1", "C-9");
        security.login("supervisor1", "supervisor");
        resource.approve(approvalId, null, body("fine"));

        WebApplicationException refused = catchThrowableOfType(
                WebApplicationException.class, () -> resource.reject(approvalId, null, body("changed my mind")));

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void refusesAnonymousCallersWithUnauthorized() {
        security.logout();

        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, resource::pending);

        assertThat(refused.getResponse().getStatus()).isEqualTo(401);
        assertThat(((ErrorView) refused.getResponse().getEntity()).error()).isEqualTo("unauthenticated");
    }

    private String heldAdjustment(String adjuster, String claimId) {
        security.login(adjuster, "adjuster");
        ApprovalPendingException pending =
                catchThrowableOfType(ApprovalPendingException.class, () -> claims.proposeAdjustment(claimId));
        assertThat(pending).as("the adjustment is held for approval").isNotNull();
        return pending.approvalId();
    }

    private static InputStream body(String reason) {
        return json("{\"reason\": \"" + reason + "\"}");
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
