package dev.steward.providers.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.api.Outcome;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smallest configuration of one gateway, three keys, works as properties and as environment variables alone: the
 * provider is created from them, and a capability that names no route is answered by it over HTTP.
 */
class MinimalGatewayConfigurationIT {

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer gateway;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        gateway = OpenAiCompatibleServer.start(engine);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        engine.close();
    }

    private static AuditRecord answerWith(ConfigValues config) throws Exception {
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (Steward steward = Steward.builder()
                .config(config)
                .promptRegistry(new InMemoryPromptRegistry().put("continue-letters", "v1", "{{letters}}"))
                .auditSink(audit)
                .build()) {
            String answer = steward.capability(CapabilityDefinition.builder("continue-letters")
                            .parameterNames(List.of("letters"))
                            .build())
                    .invoke(Requests.ALICE, new Object[] {"a b c"}, null);
            assertThat(answer).startsWith(" d e f");
            assertThat(steward.routeProviders("default")).containsExactly("gateway");
            steward.verifyConfiguredCapabilities();
            steward.verifyEnvironmentVariables();
        }
        return audit.records().get(0);
    }

    @Test
    void threePropertiesMakeAWorkingGatewayAndItsDefaultRoute() throws Exception {
        AuditRecord record = answerWith(ConfigValues.of(Map.of(
                "steward.provider.gateway.type", "gateway",
                "steward.provider.gateway.base-url", gateway.baseUrl(),
                "steward.provider.gateway.model", "alphabet")));

        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.route()).isEqualTo("default");
        assertThat(record.provider()).isEqualTo("gateway");
    }

    @Test
    void theSameThreeEnvironmentVariablesAloneDoToo() throws Exception {
        AuditRecord record = answerWith(ConfigValues.ofEnvironment(Map.of(
                "STEWARD_PROVIDER_GATEWAY_TYPE", "gateway",
                "STEWARD_PROVIDER_GATEWAY_BASE_URL", gateway.baseUrl(),
                "STEWARD_PROVIDER_GATEWAY_MODEL", "alphabet")));

        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.route()).isEqualTo("default");
        assertThat(record.provider()).isEqualTo("gateway");
        assertThat(gateway.received()).isNotEmpty();
    }
}
