package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.cdi.support.SettlementService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @AiTool} methods of a CDI bean, offered by a capability: found at deployment, run through the bean. */
@EnableWeld
class GovernedToolsTest {

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

    private static Map<String, String> settlementConfig() {
        Map<String, String> m = TestConfig.baseline();
        m.keySet().removeIf(k -> k.startsWith("steward.capability."));
        m.put("steward.capability.claims.propose-settlement.allowed-roles", "adjuster");
        m.put("steward.tool.lookupPolicy.allowed-tenants", "acme");
        m.put("steward.identity.tenant.source", "principal-attribute");
        m.put("steward.identity.tenant.name", "tenant");
        return m;
    }

    @BeforeEach
    void script() {
        SettlementService.PAYMENTS.clear();
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

    /** A principal of the application's identity store, carrying the tenant. */
    public record TenantPrincipal(String getName, String tenant) implements java.security.Principal {}

    private List<AuditRecord> toolRecords() {
        return steward.auditTrail().orElseThrow().search(new AuditQuery(null, null, null, null, 100)).stream()
                .filter(r -> r.tags().containsKey("steward.tool.name"))
                .toList();
    }

    @Test
    void aBeansToolRunsAndItsPaymentWaitsForTheSupervisor() {
        security.login(new TenantPrincipal("adjuster1", "acme"), "adjuster");
        String id;
        try {
            settlements.propose("C-1");
            throw new AssertionError("expected the payment to be held");
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        assertThat(SettlementService.PAYMENTS).isEmpty();
        assertThat(provider.requests().get(1).messages().get(2).content()).isEqualTo("5000.00");

        steward.approvals().approve(id, new CallerContext("supervisor1", Set.of("supervisor"), "acme", "corr-2"), null);
        String answer = steward.resume(id, new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-3"))
                .text();

        assertThat(SettlementService.PAYMENTS).containsExactly("C-1:900");
        assertThat(answer).isEqualTo("done: PAY-1");
        assertThat(toolRecords())
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.PENDING_APPROVAL, Outcome.SUCCEEDED);
    }

    @Test
    void anAdjusterOfAnotherTenantIsRefusedTheLookup() {
        security.login(new TenantPrincipal("adjuster9", "globex"), "adjuster");
        provider.answerWith(r -> r.messages().size() == 1
                ? InferenceResponse.toolCalls(
                        List.of(new ToolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-7\"}")),
                        "",
                        "m",
                        new TokenUsage(1, 1))
                : InferenceResponse.of(
                        "done: " + r.messages().get(r.messages().size() - 1).content(), "m", new TokenUsage(1, 1)));

        String answer = settlements.propose("C-1");

        assertThat(answer).contains("\"refused\":true");
        assertThat(toolRecords()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(r.principal()).isEqualTo("adjuster9");
        });
    }
}
