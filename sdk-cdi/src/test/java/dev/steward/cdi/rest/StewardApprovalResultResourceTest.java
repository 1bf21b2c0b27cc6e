package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.Outcome;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.web.ApprovalView;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A requester, or an approver, reads a released answer at {@code steward/approvals/{id}/result}; nobody else does. */
@EnableWeld
class StewardApprovalResultResourceTest {

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
    void releasesTheApprovedAnswerToItsRequesterAndToAnApprover() {
        String id = approvedAdjustment();

        security.login("adjuster1", "adjuster");
        ApprovalView mine = resource.result(id);
        security.login("supervisor2", "supervisor");
        ApprovalView approvers = resource.result(id);

        assertThat(mine.output()).isEqualTo("answer to: Propose an adjustment for claim C-9");
        assertThat(mine.status()).isEqualTo("APPROVED");
        assertThat(mine.decidedBy()).isEqualTo("supervisor1");
        assertThat(approvers.output()).isEqualTo(mine.output());
    }

    @Test
    void refusesAnotherUserWithForbiddenAndAuditsTheRefusal() {
        String id = approvedAdjustment();
        security.login("adjuster2", "adjuster");

        ErrorView error = refusal(403, () -> resource.result(id));

        assertThat(error.error()).isEqualTo("approval-not-allowed");
        assertThat(error.approvalId()).isEqualTo(id);
        assertThat(error.message()).doesNotContain("answer to");
        AuditRecord refused = latest();
        assertThat(refused.outcome()).isEqualTo(Outcome.APPROVAL_REFUSED);
        assertThat(refused.principal()).isEqualTo("adjuster2");
        assertThat(refused.reason()).contains("read of the result refused");
    }

    @Test
    void answersNotFoundForAnUnknownRequest() {
        security.login("adjuster1", "adjuster");

        ErrorView error = refusal(404, () -> resource.result("no-such-id"));

        assertThat(error.error()).isEqualTo("approval-not-found");
        assertThat(error.approvalId()).isEqualTo("no-such-id");
    }

    @Test
    void answersConflictWhilePendingAndOnceRejected() {
        String id = heldAdjustment("C-9");

        security.login("adjuster1", "adjuster");
        assertThat(refusal(409, () -> resource.result(id)).error()).isEqualTo("approval-pending");

        security.login("supervisor1", "supervisor");
        resource.reject(id, null, null);
        security.login("adjuster1", "adjuster");
        ErrorView rejected = refusal(409, () -> resource.result(id));
        assertThat(rejected.error()).isEqualTo("approval-rejected");
        assertThat(rejected.message()).contains("supervisor1");
    }

    @Test
    void refusesAnonymousCallersWithUnauthorized() {
        String id = approvedAdjustment();
        security.logout();

        assertThat(refusal(401, () -> resource.result(id)).error()).isEqualTo("unauthenticated");
    }

    private String approvedAdjustment() {
        String id = heldAdjustment("C-9");
        security.login("supervisor1", "supervisor");
        resource.approve(id, null, null);
        return id;
    }

    private String heldAdjustment(String claimId) {
        security.login("adjuster1", "adjuster");
        ApprovalPendingException pending =
                catchThrowableOfType(ApprovalPendingException.class, () -> claims.proposeAdjustment(claimId));
        assertThat(pending).as("the adjustment is held for approval").isNotNull();
        return pending.approvalId();
    }

    private AuditRecord latest() {
        List<AuditRecord> records =
                steward.auditTrail().orElseThrow().search(new AuditQuery(null, null, null, null, 1));
        return records.get(0);
    }

    private static ErrorView refusal(int status, Runnable call) {
        WebApplicationException e = catchThrowableOfType(WebApplicationException.class, call::run);
        assertThat(e).as("a refusal with " + status).isNotNull();
        assertThat(e.getResponse().getStatus()).isEqualTo(status);
        assertThat(e.getResponse().getMediaType().toString()).isEqualTo("application/json");
        return (ErrorView) e.getResponse().getEntity();
    }
}
