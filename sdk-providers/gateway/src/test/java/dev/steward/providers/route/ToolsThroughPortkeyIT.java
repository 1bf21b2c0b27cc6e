package dev.steward.providers.route;

import static dev.steward.providers.testing.OpenAiCompatibleServer.assistant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.api.Answer;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.CallerContext;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.answer.AnswerType;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.PortkeyGateway;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tool loop and typed answers through the real Portkey gateway: tools, tool calls, tool results, the response
 * format and the repair turn survive the gateway.
 */
class ToolsThroughPortkeyIT {

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer upstream;
    private static PortkeyGateway portkey;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        upstream = OpenAiCompatibleServer.start(engine);
        portkey = PortkeyGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (portkey != null) {
            portkey.close();
        }
        upstream.close();
        engine.close();
    }

    @Test
    void aHeldPaymentResumesThroughPortkey() throws Exception {
        upstream.behave(ToolsOverHttpIT.settlingModel());
        int before = upstream.received().size();
        ClaimTools tools = new ClaimTools();
        try (Steward steward = ToolsOverHttpIT.steward(
                portkey.providerConfig("portkey", upstream.baseUrl()), tools, new InMemoryAuditSink(100))) {
            GovernedCapability settle = ToolsOverHttpIT.settle(steward);
            String id;
            try {
                settle.invoke(ToolsOverHttpIT.ADJUSTER, new Object[] {"C-1"}, null);
                throw new AssertionError("expected the payment to be held");
            } catch (ApprovalPendingException e) {
                id = e.approvalId();
            }
            steward.approvals().approve(id, ToolsOverHttpIT.SUPERVISOR, null);

            assertThat(steward.resume(id, ToolsOverHttpIT.ADJUSTER).text()).isEqualTo("Paid 1200.50 on C-1.");
        }
        assertThat(tools.payments).containsExactly("C-1:1200.50");
        List<OpenAiCompatibleServer.Received> arrived =
                upstream.received().subList(before, upstream.received().size());
        assertThat(arrived).hasSize(3);
        assertThat(arrived.get(0).body().path("tools")).hasSize(2);
        JsonNode last = arrived.get(2).body().path("messages");
        assertThat(last)
                .extracting(m -> m.path("role").asText())
                .containsExactly("user", "assistant", "tool", "assistant", "tool");
        assertThat(last.get(3).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_2");
        assertThat(last.get(4).path("tool_call_id").asText()).isEqualTo("call_2");
    }

    @Test
    void theSchemaReachesTheUpstreamAndAWrongShapeIsRepairedOnce() throws Exception {
        upstream.behave(OpenAiCompatibleServer.script(
                assistant("{\"team\":\"urgent\",\"confidence\":0.7,\"reasons\":[]}"),
                assistant("{\"team\":\"FRAUD_REVIEW\",\"confidence\":0.7,\"reasons\":[\"two claims in a week\"]}")));
        int before = upstream.received().size();
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(portkey.providerConfig("portkey", upstream.baseUrl())))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.triage", "v1", "Triage {{claim}}"))
                .auditSink(audit)
                .build()) {
            GovernedCapability triage = steward.capability(CapabilityDefinition.builder("claims.triage")
                    .parameterNames(List.of("claim"))
                    .answerType(AnswerType.of(TypedAnswerOverHttpIT.Triage.class, "claims.triage"))
                    .build());

            Answer<?> answer = triage.answer(
                    new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1"), new Object[] {"C-7"}, null);

            assertThat(answer.value())
                    .isEqualTo(new TypedAnswerOverHttpIT.Triage(
                            TypedAnswerOverHttpIT.Team.FRAUD_REVIEW, 0.7, List.of("two claims in a week")));
        }
        List<OpenAiCompatibleServer.Received> arrived =
                upstream.received().subList(before, upstream.received().size());
        assertThat(arrived).hasSize(2);
        JsonNode format = arrived.get(0).body().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("Triage");
        assertThat(format.path("json_schema")
                        .path("schema")
                        .path("properties")
                        .path("team")
                        .path("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("STANDARD", "FRAUD_REVIEW");
        assertThat(arrived.get(1).body().path("messages").get(2).path("content").asText())
                .contains("$.team: expected one of [STANDARD, FRAUD_REVIEW], got another string");
        assertThat(audit.records().get(0).attempts()).hasSize(2);
    }
}
