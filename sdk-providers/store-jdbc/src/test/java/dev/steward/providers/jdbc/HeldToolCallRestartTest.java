package dev.steward.providers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.tool.MethodTool;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A tool call held for approval in the JDBC store survives the application: a second instance, built from the same
 * configuration, approves it and resumes the conversation from the held point, running the payment exactly once.
 */
class HeldToolCallRestartTest {

    static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1");
    static final CallerContext SUPERVISOR = new CallerContext("supervisor1", Set.of("supervisor"), "acme", "corr-2");

    /** The application's payment tool. */
    public static final class Payments {
        static final List<String> MADE = new CopyOnWriteArrayList<>();

        @AiTool(description = "Pays an amount on a claim")
        @RequiresApproval(role = "supervisor")
        public String issuePayment(String claimId, BigDecimal amount) {
            MADE.add(claimId + ":" + amount.toPlainString());
            return "{\"paid\":true}";
        }
    }

    /** A model that asks to pay, then answers with what the tool said. */
    static final class PayingModel implements InferenceProvider {
        @Override
        public String name() {
            return "model";
        }

        @Override
        public boolean supportsTools() {
            return true;
        }

        @Override
        public InferenceResponse infer(InferenceRequest request) {
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            if (last.role() == ChatMessage.Role.USER) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call_1", "issuePayment", "{\"claimId\":\"C-1\",\"amount\":700}")),
                        "",
                        "m",
                        new TokenUsage(5, 5));
            }
            return InferenceResponse.of("done: " + last.content(), "m", new TokenUsage(5, 5));
        }
    }

    private static Steward start(String url) throws Exception {
        Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.audit.sink", "memory",
                        "steward.approval.store", "jdbc",
                        "steward.store.jdbc.url", url,
                        "steward.store.jdbc.migrate", "true")))
                .provider(new PayingModel())
                .promptRegistry(new InMemoryPromptRegistry().put("claims.settle", "v1", "Settle {{claim}}"))
                .tool(MethodTool.of(
                        Payments.class.getMethod("issuePayment", String.class, BigDecimal.class), Payments::new))
                .build();
        steward.capability(CapabilityDefinition.builder("claims.settle")
                .parameterNames(List.of("claim"))
                .tools(List.of("issuePayment"))
                .build());
        return steward;
    }

    @Test
    void aSecondInstanceApprovesAndResumesTheHeldPaymentOnce() throws Exception {
        String url = "jdbc:h2:mem:steward-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Payments.MADE.clear();
        String id;
        try (Steward first = start(url)) {
            GovernedCapability settle = first.capability(CapabilityDefinition.builder("claims.settle")
                    .parameterNames(List.of("claim"))
                    .tools(List.of("issuePayment"))
                    .build());
            try {
                settle.invoke(ADJUSTER, new Object[] {"C-1"}, null);
                throw new AssertionError("expected the payment to be held");
            } catch (ApprovalPendingException e) {
                id = e.approvalId();
            }
        }
        assertThat(Payments.MADE).isEmpty();

        try (Steward second = start(url)) {
            assertThat(second.approvals().pending(SUPERVISOR))
                    .singleElement()
                    .satisfies(r -> assertThat(r.output()).contains("\"tool\":\"issuePayment\""));
            second.approvals().approve(id, SUPERVISOR, null);

            assertThat(second.resume(id, ADJUSTER).text()).isEqualTo("done: {\"paid\":true}");
            String resumed = id;
            assertThatThrownBy(() -> second.resume(resumed, ADJUSTER)).isInstanceOf(ApprovalNotAllowedException.class);
        }
        assertThat(Payments.MADE).containsExactly("C-1:700");
    }
}
