package dev.steward.providers.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.Attempt;
import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.AlphabetModel;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Steward pipeline whose route tries a gateway to a failing server first and a gateway to a working one
 * second, both created from configuration through the ServiceLoader-registered factory.
 */
class StewardRouteIT {

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer failing;
    private static OpenAiCompatibleServer healthy;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        failing = OpenAiCompatibleServer.start(engine).behave(OpenAiCompatibleServer.status(503));
        healthy = OpenAiCompatibleServer.start(engine);
    }

    @AfterAll
    static void stop() throws Exception {
        failing.close();
        healthy.close();
        engine.close();
    }

    @Test
    void fallsThroughToTheSecondGatewayAndAuditsBothAttemptsWithTheirCost() throws Exception {
        InMemoryAuditSink audit = new InMemoryAuditSink(100);
        Map<String, String> config = Map.ofEntries(
                Map.entry("steward.provider.primary.type", "gateway"),
                Map.entry("steward.provider.primary.base-url", failing.baseUrl()),
                Map.entry("steward.provider.primary.model", "alphabet"),
                Map.entry("steward.provider.primary.timeout", "5s"),
                Map.entry("steward.provider.secondary.type", "gateway"),
                Map.entry("steward.provider.secondary.base-url", healthy.baseUrl()),
                Map.entry("steward.provider.secondary.model", "alphabet"),
                Map.entry("steward.provider.secondary.header.tenant", "x-tenant"),
                Map.entry("steward.provider.secondary.timeout", "5s"),
                Map.entry("steward.route.letters.providers", "primary,secondary"),
                Map.entry("steward.capability.continue-letters.route", "letters"),
                Map.entry("steward.price.steward-alphabet.input-per-1k", "1.00 USD"),
                Map.entry("steward.price.steward-alphabet.output-per-1k", "2.00 USD"));

        Steward steward = Steward.builder()
                .config(ConfigValues.of(config))
                .promptRegistry(new InMemoryPromptRegistry().put("letters", "v1", "{{letters}}"))
                .auditSink(audit)
                .build();
        try {
            GovernedCapability capability = steward.capability(CapabilityDefinition.builder("continue-letters")
                    .prompt("letters", "v1")
                    .route("letters")
                    .parameterNames(List.of("letters"))
                    .build());

            String answer = capability.invoke(Requests.ALICE, new Object[] {"a b c"}, null);

            assertThat(answer).isEqualTo(" d e f g h i j k l m n o p q r s t u v w x y z");
        } finally {
            steward.close();
        }

        assertThat(audit.records()).hasSize(1);
        AuditRecord record = audit.records().get(0);
        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.provider()).isEqualTo("secondary");
        assertThat(record.model()).isEqualTo(AlphabetModel.NAME);
        assertThat(record.usage()).isEqualTo(new TokenUsage(3, 24));
        // 3 input tokens at 1.00 USD per 1k + 24 output tokens at 2.00 USD per 1k
        assertThat(record.cost()).isEqualTo(new Money(51_000, "USD"));
        assertThat(record.attempts()).extracting(Attempt::provider).containsExactly("primary", "secondary");
        assertThat(record.attempts().get(0).result()).isNotEqualTo(Attempt.Result.SUCCEEDED);
        assertThat(record.attempts().get(0).error()).contains("HTTP 503");
        assertThat(record.attempts().get(1).result()).isEqualTo(Attempt.Result.SUCCEEDED);

        assertThat(failing.received()).isNotEmpty();
        OpenAiCompatibleServer.Received served =
                healthy.received().get(healthy.received().size() - 1);
        assertThat(served.body().path("user").asText()).isEqualTo("alice@example.com");
        assertThat(served.header("x-tenant")).isEqualTo("acme");
    }
}
