package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.SettlementService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.web.AnswerView;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requester resumes a call held at a tool call at {@code steward/approvals/{id}/resume}; nobody else does. */
@EnableWeld
class StewardApprovalResumeResourceTest {

    private final TestConfig config = TestConfig.install(settlementConfig());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(SettlementService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    SettlementService settlements;

    @Inject
    TestProvider provider;

    @Inject
    TestSecurityContext security;

    @Inject
    Steward steward;

    private final StewardApprovalResource resource = new StewardApprovalResource();

    private static Map<String, String> settlementConfig() {
        Map<String, String> m = TestConfig.baseline();
        m.keySet().removeIf(k -> k.startsWith("steward.capability."));
        m.put("steward.capability.claims.propose-settlement.allowed-roles", "adjuster");
        return m;
    }

    @BeforeEach
    void script() {
        SettlementService.PAYMENTS.clear();
        // looks the policy up, pays, then answers with what the payment said
        provider.answerWith(r -> {
            ChatMessage last = r.messages().get(r.messages().size() - 1);
            TokenUsage usage = new TokenUsage(10, 5);
            if (last.role() == ChatMessage.Role.USER) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-7\"}")), "", "m", usage);
            }
            if (last.toolCallId().equals("call_1")) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call_2", "issuePayment", "{\"claimId\":\"C-1\",\"amount\":900}")),
                        "",
                        "m",
                        usage);
            }
            return InferenceResponse.of("done: " + last.content(), "m", usage);
        });
    }

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void theRequesterResumesTheApprovedPaymentOnceAndAnotherUserIsRefused() {
        String id = heldPayment();
        security.login("adjuster1", "adjuster");
        assertThat(refusal(409, () -> resource.resume(id)).error()).isEqualTo("approval-pending");

        security.login("supervisor1", "supervisor");
        resource.approve(id, null, null);
        security.login("adjuster2", "adjuster");
        ErrorView stranger = refusal(403, () -> resource.resume(id));
        assertThat(stranger.error()).isEqualTo("approval-not-allowed");
        assertThat(SettlementService.PAYMENTS).isEmpty();

        security.login("adjuster1", "adjuster");
        Response resumed = resource.resume(id);

        assertThat(resumed.getStatus()).isEqualTo(200);
        assertThat(resumed.getMediaType().toString()).isEqualTo("application/json");
        assertThat(resumed.getEntity()).isEqualTo(new AnswerView("done: PAY-1", null, "m", false, null));
        assertThat(SettlementService.PAYMENTS).containsExactly("C-1:900");
        ErrorView again = refusal(409, () -> resource.resume(id));
        assertThat(again.error()).isEqualTo("approval-resumed");
        assertThat(again.approvalId()).isEqualTo(id);
        assertThat(SettlementService.PAYMENTS).hasSize(1);
    }

    @Test
    void anUnknownIdIsNotFoundAndTheRefusalIsAudited() {
        security.login("adjuster1", "adjuster");

        ErrorView error = refusal(404, () -> resource.resume("no-such-id"));

        assertThat(error.error()).isEqualTo("approval-not-found");
        assertThat(error.approvalId()).isEqualTo("no-such-id");
        AuditRecord refused = steward.auditTrail()
                .orElseThrow()
                .search(new AuditQuery(null, null, null, null, 1))
                .get(0);
        assertThat(refused.outcome()).isEqualTo(Outcome.APPROVAL_REFUSED);
        assertThat(refused.principal()).isEqualTo("adjuster1");
        assertThat(refused.approvalId()).isEqualTo("no-such-id");
        assertThat(refused.reason()).isEqualTo("unknown request: resume refused");
    }

    @Test
    void refusesAnonymousCallersWithUnauthorized() {
        String id = heldPayment();
        security.logout();

        assertThat(refusal(401, () -> resource.resume(id)).error()).isEqualTo("unauthenticated");
    }

    private String heldPayment() {
        security.login("adjuster1", "adjuster");
        ApprovalPendingException pending =
                catchThrowableOfType(ApprovalPendingException.class, () -> settlements.propose("C-1"));
        assertThat(pending).as("the payment is held for approval").isNotNull();
        return pending.approvalId();
    }

    private static ErrorView refusal(int status, Runnable call) {
        WebApplicationException e = catchThrowableOfType(WebApplicationException.class, call::run);
        assertThat(e).as("a refusal with " + status).isNotNull();
        assertThat(e.getResponse().getStatus()).isEqualTo(status);
        assertThat(e.getResponse().getMediaType().toString()).isEqualTo("application/json");
        return (ErrorView) e.getResponse().getEntity();
    }
}
