package dev.steward.providers.route;

import static dev.steward.providers.testing.OpenAiCompatibleServer.assistant;
import static dev.steward.providers.testing.OpenAiCompatibleServer.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.Outcome;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.approval.InMemoryApprovalStore;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.tool.MethodTool;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tool loop through the gateway provider over real HTTP, against an upstream scripted to ask for tools in
 * OpenAI's format: what goes on the wire, and a payment held for approval then resumed.
 */
class ToolsOverHttpIT {

    static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1");
    static final CallerContext SUPERVISOR = new CallerContext("supervisor1", Set.of("supervisor"), "acme", "corr-2");

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer server;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        server = OpenAiCompatibleServer.start(engine);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        engine.close();
    }

    static Steward steward(Map<String, String> gateway, ClaimTools tools, InMemoryAuditSink audit) throws Exception {
        return Steward.builder()
                .config(ConfigValues.of(gateway))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.settle", "v1", "Settle claim {{claim}}"))
                .auditSink(audit)
                .approvalStore(new InMemoryApprovalStore())
                .tool(MethodTool.of(ClaimTools.class.getMethod("lookupPolicy", String.class), () -> tools))
                .tool(MethodTool.of(
                        ClaimTools.class.getMethod("issuePayment", String.class, BigDecimal.class), () -> tools))
                .build();
    }

    static GovernedCapability settle(Steward steward) {
        return steward.capability(CapabilityDefinition.builder("claims.settle")
                .parameterNames(List.of("claim"))
                .tools(List.of("lookupPolicy", "issuePayment"))
                .build());
    }

    /** Asks for the lookup, then the payment, then answers. */
    static OpenAiCompatibleServer.Behaviour settlingModel() {
        return OpenAiCompatibleServer.script(
                toolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-7\"}"),
                toolCall("call_2", "issuePayment", "{\"claimId\":\"C-1\",\"amount\":1200.50}"),
                assistant("Paid 1200.50 on C-1."));
    }

    @Test
    void offersToolsSendsResultsAndResumesAHeldPaymentAfterApproval() throws Exception {
        server.behave(settlingModel());
        int before = server.received().size();
        ClaimTools tools = new ClaimTools();
        InMemoryAuditSink audit = new InMemoryAuditSink(100);
        try (Steward steward = steward(
                Map.of(
                        "steward.provider.gateway.type", "gateway",
                        "steward.provider.gateway.base-url", server.baseUrl(),
                        "steward.provider.gateway.model", "gpt-4o-mini"),
                tools,
                audit)) {
            GovernedCapability settle = settle(steward);
            String id;
            try {
                settle.invoke(ADJUSTER, new Object[] {"C-1"}, null);
                throw new AssertionError("expected the payment to be held");
            } catch (ApprovalPendingException e) {
                id = e.approvalId();
            }
            assertThat(tools.payments).isEmpty();
            steward.approvals().approve(id, SUPERVISOR, "within the limit");

            assertThat(steward.resume(id, ADJUSTER).text()).isEqualTo("Paid 1200.50 on C-1.");
        }
        assertThat(tools.payments).containsExactly("C-1:1200.50");
        List<OpenAiCompatibleServer.Received> sent =
                server.received().subList(before, server.received().size());
        assertThat(sent).hasSize(3);
        JsonNode offered = sent.get(0).body().path("tools");
        assertThat(offered)
                .extracting(t -> t.path("function").path("name").asText())
                .containsExactly("lookupPolicy", "issuePayment");
        assertThat(offered.get(0).path("type").asText()).isEqualTo("function");
        assertThat(offered.get(1)
                        .path("function")
                        .path("parameters")
                        .path("properties")
                        .path("amount")
                        .path("type")
                        .asText())
                .isEqualTo("number");
        JsonNode second = sent.get(1).body().path("messages");
        assertThat(second).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "tool");
        assertThat(second.get(1)
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("name")
                        .asText())
                .isEqualTo("lookupPolicy");
        assertThat(second.get(2).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(second.get(2).path("content").asText()).contains("\"holder\":\"Jane Roe\"");
        // the resumed call goes on from the held point: the payment's result follows the conversation so far
        JsonNode third = sent.get(2).body().path("messages");
        assertThat(third)
                .extracting(m -> m.path("role").asText())
                .containsExactly("user", "assistant", "tool", "assistant", "tool");
        assertThat(third.get(4).path("tool_call_id").asText()).isEqualTo("call_2");
        assertThat(third.get(4).path("content").asText()).isEqualTo("{\"paid\":true}");
        assertThat(audit.records())
                .filteredOn(r -> r.tags().containsKey("steward.tool.name"))
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.PENDING_APPROVAL, Outcome.SUCCEEDED);
    }
}
