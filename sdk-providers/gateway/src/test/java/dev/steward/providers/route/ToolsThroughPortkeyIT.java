package dev.steward.providers.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.PortkeyGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tool loop through the real Portkey gateway: tools, tool calls and tool results survive the gateway. */
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
                Map.of(
                        "steward.provider.portkey.type", "gateway",
                        "steward.provider.portkey.base-url", portkey.baseUrl(),
                        "steward.provider.portkey.model", "gpt-4o-mini",
                        "steward.provider.portkey.preset", "portkey",
                        "steward.provider.portkey.headers",
                                "x-portkey-provider: openai; x-portkey-custom-host: " + upstream.baseUrl(),
                        "steward.provider.portkey.api-key", "sk-test-123",
                        "steward.provider.portkey.timeout", "20s"),
                tools,
                new InMemoryAuditSink(100))) {
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
}
