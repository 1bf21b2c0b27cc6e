package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.core.approval.InMemoryApprovalStore;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.tool.MethodTool;
import dev.steward.core.web.AnswerView;
import dev.steward.core.web.ApprovalView;
import dev.steward.core.web.ErrorView;
import dev.steward.core.web.ResumeResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP answer to resuming a held tool call, as both integrations' endpoints give it. */
class ResumeResponseTest {

    /** The application's tool. */
    public static final class Payments {
        final List<String> made = new CopyOnWriteArrayList<>();

        @AiTool(description = "Pays an amount on a claim")
        @RequiresApproval(role = "supervisor")
        public String issuePayment(String claimId) {
            made.add(claimId);
            return "PAY-" + made.size();
        }
    }

    private final Payments payments = new Payments();
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final ScriptedProvider provider = new ScriptedProvider("p").offersTools();
    private Steward steward;
    private GovernedCapability settle;

    @BeforeEach
    void start() throws Exception {
        steward = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.settle", "v1", "Settle claim {{claim}}"))
                .auditSink(new InMemoryAuditSink(100))
                .approvalStore(store)
                .tool(MethodTool.of(Payments.class.getMethod("issuePayment", String.class), () -> payments))
                .build();
        settle = steward.capability(CapabilityDefinition.builder("claims.settle")
                .parameterNames(List.of("claim"))
                .tools(List.of("issuePayment"))
                .build());
        // pays C-1, then a second payment on C-2, then answers with what the last payment said
        provider.behaves(r -> {
            ChatMessage last = r.messages().get(r.messages().size() - 1);
            TokenUsage usage = new TokenUsage(1, 1);
            if (last.role() == ChatMessage.Role.USER) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call-1", "issuePayment", "{\"claimId\":\"C-1\"}")), "", "m", usage);
            }
            if (last.toolCallId().equals("call-1")) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call-2", "issuePayment", "{\"claimId\":\"C-2\"}")), "", "m", usage);
            }
            return InferenceResponse.of("settled: " + last.content(), "m", usage);
        });
    }

    @AfterEach
    void stop() throws Exception {
        steward.close();
    }

    private String held() {
        return catchThrowableOfType(
                        ApprovalPendingException.class,
                        () -> settle.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .approvalId();
    }

    private static ErrorView error(ResumeResponse r, int status) {
        assertThat(r.status()).isEqualTo(status);
        return (ErrorView) r.body();
    }

    @Test
    void answersWithTheResumedAnswerOrTheNextHeldToolCall() {
        String id = held();
        assertThat(error(ResumeResponse.resume(steward, id, Callers.ADJUSTER), 409)
                        .error())
                .isEqualTo("approval-pending");

        steward.approvals().approve(id, Callers.SUPERVISOR, null);
        assertThat(error(ResumeResponse.resume(steward, id, Callers.ADJUSTER2), 403)
                        .error())
                .isEqualTo("approval-not-allowed");
        ResumeResponse again = ResumeResponse.resume(steward, id, Callers.ADJUSTER);

        assertThat(again.status()).isEqualTo(202);
        ApprovalView next = (ApprovalView) again.body();
        assertThat(next.id()).isNotEqualTo(id);
        assertThat(next.status()).isEqualTo("PENDING");
        assertThat(next.approverRole()).isEqualTo("supervisor");
        assertThat(payments.made).containsExactly("C-1");
        assertThat(error(ResumeResponse.resume(steward, id, Callers.ADJUSTER), 409)
                        .error())
                .isEqualTo("approval-resumed");

        steward.approvals().approve(next.id(), Callers.SUPERVISOR, null);
        ResumeResponse done = ResumeResponse.resume(steward, next.id(), Callers.ADJUSTER);

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).isEqualTo(new AnswerView("settled: PAY-2", null, "m", false, null));
        assertThat(payments.made).containsExactly("C-1", "C-2");
    }

    @Test
    void answersNotFoundForAnUnknownIdOrARequestThatHoldsNoToolCall() {
        Instant now = Instant.now();
        store.create(new ApprovalRequest(
                "held-answer",
                "claims.settle",
                Callers.ADJUSTER,
                "supervisor",
                "an answer",
                OptionalDouble.empty(),
                now,
                now.plusSeconds(60),
                ApprovalStatus.PENDING,
                null,
                null,
                null));

        ErrorView unknown = error(ResumeResponse.resume(steward, "no-such-id", Callers.ADJUSTER), 404);
        ErrorView answer = error(ResumeResponse.resume(steward, "held-answer", Callers.ADJUSTER), 404);

        assertThat(unknown.error()).isEqualTo("approval-not-found");
        assertThat(unknown.approvalId()).isEqualTo("no-such-id");
        assertThat(answer.error()).isEqualTo("no-held-tool-call");
        assertThat(answer.capability()).isEqualTo("claims.settle");
    }
}
