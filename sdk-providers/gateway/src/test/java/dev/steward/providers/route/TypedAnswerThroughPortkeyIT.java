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
import dev.steward.providers.testing.PortkeyGateway;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A typed answer through the real Portkey gateway: the response_format and the repair turn survive the gateway. */
class TypedAnswerThroughPortkeyIT {

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
    void theSchemaReachesTheUpstreamAndAWrongShapeIsRepairedOnce() throws Exception {
        upstream.behave(OpenAiCompatibleServer.script(
                assistant("{\"team\":\"urgent\",\"confidence\":0.7,\"reasons\":[]}"),
                assistant("{\"team\":\"FRAUD_REVIEW\",\"confidence\":0.7,\"reasons\":[\"two claims in a week\"]}")));
        int before = upstream.received().size();
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.provider.portkey.type", "gateway",
                        "steward.provider.portkey.base-url", portkey.baseUrl(),
                        "steward.provider.portkey.model", "gpt-4o-mini",
                        "steward.provider.portkey.preset", "portkey",
                        "steward.provider.portkey.headers",
                                "x-portkey-provider: openai; x-portkey-custom-host: " + upstream.baseUrl(),
                        "steward.provider.portkey.api-key", "sk-test-123",
                        "steward.provider.portkey.timeout", "20s")))
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
