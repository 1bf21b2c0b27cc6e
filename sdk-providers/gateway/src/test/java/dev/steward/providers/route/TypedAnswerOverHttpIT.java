package dev.steward.providers.route;

import static dev.steward.providers.testing.OpenAiCompatibleServer.assistant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.api.Answer;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A typed capability through the gateway provider, over real HTTP: the schema goes as OpenAI's response_format. */
class TypedAnswerOverHttpIT {

    enum Team {
        STANDARD,
        FRAUD_REVIEW
    }

    record Triage(Team team, double confidence, List<String> reasons) {}

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

    @Test
    void sendsTheSchemaAsResponseFormatAndRepairsAWrongShapeOnce() throws Exception {
        server.behave(OpenAiCompatibleServer.script(
                assistant("{\"team\":\"urgent\",\"confidence\":0.7,\"reasons\":[]}"),
                assistant("{\"team\":\"FRAUD_REVIEW\",\"confidence\":0.7,\"reasons\":[\"two claims in a week\"]}")));
        int before = server.received().size();
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.provider.gateway.type", "gateway",
                        "steward.provider.gateway.base-url", server.baseUrl(),
                        "steward.provider.gateway.model", "gpt-4o-mini")))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.triage", "v1", "Triage {{claim}}"))
                .auditSink(audit)
                .build()) {
            GovernedCapability triage = steward.capability(CapabilityDefinition.builder("claims.triage")
                    .parameterNames(List.of("claim"))
                    .answerType(AnswerType.of(Triage.class, "claims.triage"))
                    .build());

            Answer<?> answer = triage.answer(
                    new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1"), new Object[] {"C-7"}, null);

            assertThat(answer.value()).isEqualTo(new Triage(Team.FRAUD_REVIEW, 0.7, List.of("two claims in a week")));
        }
        List<OpenAiCompatibleServer.Received> sent =
                server.received().subList(before, server.received().size());
        assertThat(sent).hasSize(2);
        JsonNode format = sent.get(0).body().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("Triage");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        JsonNode schema = format.path("json_schema").path("schema");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required"))
                .extracting(JsonNode::asText)
                .containsExactly("team", "confidence", "reasons");
        assertThat(schema.path("properties").path("team").path("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("STANDARD", "FRAUD_REVIEW");
        // the gateway constrains the output itself, so the prompt carries no schema instructions
        assertThat(sent.get(0).body().path("messages").get(0).path("content").asText())
                .isEqualTo("Triage C-7");
        JsonNode repair = sent.get(1).body().path("messages");
        assertThat(repair).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");
        assertThat(repair.get(2).path("content").asText())
                .contains("$.team: expected one of [STANDARD, FRAUD_REVIEW], got another string");
        assertThat(sent.get(1).body().path("response_format")).isEqualTo(format);
        assertThat(audit.records().get(0).attempts()).hasSize(2);
        assertThat(audit.records().get(0).usage().totalTokens()).isEqualTo(30);
    }
}
