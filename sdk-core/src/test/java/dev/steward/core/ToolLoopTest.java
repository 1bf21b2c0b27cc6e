package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.ToolLimitExceededException;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.core.approval.InMemoryApprovalStore;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.tool.MethodTool;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tool loop: tools run as the caller, are audited, held for approval across a restart, and bounded. */
class ToolLoopTest {

    record Policy(String id, String holder, BigDecimal limit) {}

    /** The application's tools, as a bean would have them. */
    public static final class ClaimTools {
        final List<String> payments = new CopyOnWriteArrayList<>();
        final List<String> lookups = new CopyOnWriteArrayList<>();

        @AiTool(description = "Finds an insurance policy by its id")
        public Policy lookupPolicy(String policyId) {
            lookups.add(policyId);
            return new Policy(policyId, "Jane Roe", new BigDecimal("5000.00"));
        }

        @AiTool(description = "Pays an amount on a claim")
        @RequiresApproval(role = "supervisor", expiry = "P1D")
        public String issuePayment(String claimId, BigDecimal amount) {
            payments.add(claimId + ":" + amount.toPlainString());
            return "{\"paid\":true}";
        }
    }

    /** Tools whose audit records show a duration and a failure. */
    public static final class CountingTools {
        static final long SLEEP_MILLIS = 60;

        @AiTool(description = "Counts the claims of a year")
        public int countClaims(int year) throws InterruptedException {
            Thread.sleep(SLEEP_MILLIS);
            return 3;
        }

        @AiTool(description = "Reads the ledger of a policy")
        public String readLedger(String policyId) {
            throw new IllegalStateException("the ledger is offline");
        }
    }

    private static final CallerContext OTHER_TENANT =
            new CallerContext("adjuster9", Set.of("adjuster"), "globex", "corr-9");
    private static final String LOOKUP_ARGUMENTS = "{\"policyId\":\"P-7\"}";
    private static final String PAYMENT_ARGUMENTS = "{\"claimId\":\"C-1\",\"amount\":1200.50}";

    private final ClaimTools bean = new ClaimTools();
    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final ScriptedProvider provider = new ScriptedProvider("p").offersTools();
    private final Map<String, String> config =
            new HashMap<>(Map.of("steward.tool.lookupPolicy.allowed-tenants", "acme"));
    private Steward steward;

    private Steward start() {
        return start(b -> b);
    }

    private Steward start(java.util.function.UnaryOperator<Steward.Builder> more) {
        try {
            return more.apply(Steward.builder())
                    .config(ConfigValues.of(config))
                    .provider(provider)
                    .promptRegistry(new InMemoryPromptRegistry().put("claims.settle", "v1", "Settle claim {{claim}}"))
                    .auditSink(audit)
                    .approvalStore(store)
                    .tool(MethodTool.of(ClaimTools.class.getMethod("lookupPolicy", String.class), () -> bean))
                    .tool(MethodTool.of(
                            ClaimTools.class.getMethod("issuePayment", String.class, BigDecimal.class), () -> bean))
                    .build();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private GovernedCapability settle(Steward s, String... tools) {
        return s.capability(CapabilityDefinition.builder("claims.settle")
                .parameterNames(List.of("claim"))
                .tools(List.of(tools))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        if (steward != null) {
            steward.close();
        }
    }

    /** A model that looks the policy up, then pays, then answers with what the last tool said. */
    private void modelSettles() {
        provider.behaves(r -> {
            ChatMessage last = r.messages().get(r.messages().size() - 1);
            TokenUsage usage = new TokenUsage(10, 20);
            if (last.role() == ChatMessage.Role.USER) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call-1", "lookupPolicy", LOOKUP_ARGUMENTS)), "", "m", usage);
            }
            if (last.toolCallId().equals("call-1")) {
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall("call-2", "issuePayment", PAYMENT_ARGUMENTS)), "", "m", usage);
            }
            return InferenceResponse.of("settled: " + last.content(), "m", usage);
        });
    }

    /** A model that looks the policy up, then answers with the given text or with what the tool said. */
    private void modelLooksUp(String answer) {
        provider.behaves(r -> r.messages().size() == 1
                ? InferenceResponse.toolCalls(
                        List.of(new ToolCall("call-1", "lookupPolicy", LOOKUP_ARGUMENTS)),
                        "",
                        "m",
                        new TokenUsage(10, 20))
                : InferenceResponse.of(
                        answer != null
                                ? answer
                                : "settled: "
                                        + r.messages()
                                                .get(r.messages().size() - 1)
                                                .content(),
                        "m",
                        new TokenUsage(10, 20)));
    }

    private List<AuditRecord> toolRecords() {
        return audit.records().stream()
                .filter(r -> r.tags().containsKey("steward.tool.name"))
                .toList();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void runsAnAllowedToolAsTheCallerAndAuditsItLinkedToTheCall() throws Exception {
        modelLooksUp("limit is 5000");
        steward = start();

        String answer = settle(steward, "lookupPolicy").invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);

        assertThat(answer).isEqualTo("limit is 5000");
        assertThat(bean.lookups).containsExactly("P-7");
        InferenceRequest second = provider.lastRequest.get();
        assertThat(second.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("lookupPolicy");
            assertThat(t.description()).isEqualTo("Finds an insurance policy by its id");
            assertThat(t.parameters())
                    .isEqualTo("{\"type\":\"object\",\"properties\":{\"policyId\":{\"type\":\"string\"}},"
                            + "\"required\":[\"policyId\"],\"additionalProperties\":false}");
        });
        assertThat(second.messages())
                .extracting(ChatMessage::role)
                .containsExactly(ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.TOOL);
        assertThat(second.messages().get(2).content())
                .isEqualTo("{\"id\":\"P-7\",\"holder\":\"Jane Roe\",\"limit\":5000.00}");
        AuditRecord call = audit.records().get(audit.records().size() - 1);
        assertThat(call.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(call.attempts()).hasSize(2);
        assertThat(call.usage()).isEqualTo(new TokenUsage(20, 40));
        assertThat(toolRecords()).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(t.principal()).isEqualTo("adjuster1");
            assertThat(t.source()).isEqualTo(ClaimTools.class.getName() + "#lookupPolicy");
            assertThat(t.tags()).containsEntry("steward.tool.name", "lookupPolicy");
            assertThat(t.tags()).containsEntry("steward.tool.arguments-sha256", sha256(LOOKUP_ARGUMENTS));
            assertThat(t.tags()).containsEntry("steward.call-id", call.tags().get("steward.call-id"));
            assertThat(t.reason()).doesNotContain("P-7");
        });
    }

    @Test
    void refusesAToolTheCallersTenantMayNotRunAndTellsTheModel() {
        modelLooksUp(null);
        steward = start();

        String answer = settle(steward, "lookupPolicy").invoke(OTHER_TENANT, new Object[] {"C-1"}, null);

        assertThat(bean.lookups).isEmpty();
        assertThat(answer).isEqualTo("settled: {\"refused\":true,\"reason\":\"the caller may not run this tool\"}");
        assertThat(toolRecords()).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(t.principal()).isEqualTo("adjuster9");
            assertThat(t.reason()).contains("tenant 'globex' may not run the tool 'lookupPolicy'");
        });
    }

    @Test
    void holdsAToolCallForApprovalAndResumesAfterARestartFromThatPoint() throws Exception {
        modelSettles();
        steward = start();
        String id;
        try {
            settle(steward, "lookupPolicy", "issuePayment").invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);
            throw new AssertionError("expected the payment to be held");
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        assertThat(bean.payments).isEmpty();
        assertThat(bean.lookups).containsExactly("P-7");
        ApprovalRequest held = store.find(id).orElseThrow();
        assertThat(held.approverRole()).isEqualTo("supervisor");
        assertThat(held.output()).contains("\"tool\":\"issuePayment\"").contains("\"amount\":1200.50");
        assertThat(audit.records().get(audit.records().size() - 1).outcome()).isEqualTo(Outcome.PENDING_APPROVAL);
        int asked = provider.calls.get();
        steward.close();

        // a new instance on the same store: nothing of the first one's memory is needed
        steward = start();
        settle(steward, "lookupPolicy", "issuePayment");
        steward.approvals().approve(id, Callers.SUPERVISOR, "within limit");
        Answer<?> answer = steward.resume(id, Callers.ADJUSTER);

        assertThat(answer.text()).isEqualTo("settled: {\"paid\":true}");
        assertThat(bean.payments).containsExactly("C-1:1200.50");
        assertThat(bean.lookups).containsExactly("P-7");
        assertThat(provider.calls.get()).isEqualTo(asked + 1);
        assertThat(provider.lastRequest.get().messages())
                .extracting(ChatMessage::role)
                .containsExactly(
                        ChatMessage.Role.USER,
                        ChatMessage.Role.ASSISTANT,
                        ChatMessage.Role.TOOL,
                        ChatMessage.Role.ASSISTANT,
                        ChatMessage.Role.TOOL);
        assertThat(toolRecords())
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.PENDING_APPROVAL, Outcome.SUCCEEDED);
        assertThat(toolRecords().get(2).approvalId()).isEqualTo(id);
        String resumedId = id;
        assertThatThrownBy(() -> steward.resume(resumedId, Callers.ADJUSTER))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("runs once");
        assertThat(bean.payments).hasSize(1);
    }

    @Test
    void aRejectedToolCallGoesBackToTheModelAsARefusal() {
        modelSettles();
        steward = start();
        GovernedCapability settle = settle(steward, "lookupPolicy", "issuePayment");
        String id;
        try {
            settle.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);
            throw new AssertionError("expected the payment to be held");
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        steward.approvals().reject(id, Callers.SUPERVISOR, "over the limit");

        String resumedId = id;
        assertThatThrownBy(() -> steward.resume(resumedId, Callers.ADJUSTER2))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("only who made the held call");
        assertThat(audit.records().get(audit.records().size() - 1)).satisfies(r -> {
            assertThat(r.principal()).isEqualTo("adjuster2");
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.reason()).contains("only who made the held call may resume it");
        });
        Answer<?> answer = steward.resume(id, Callers.ADJUSTER);

        assertThat(bean.payments).isEmpty();
        assertThat(answer.text()).isEqualTo("settled: {\"refused\":true,\"reason\":\"an approver rejected the call\"}");
        assertThat(toolRecords())
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.PENDING_APPROVAL, Outcome.REJECTED);
    }

    @Test
    void anExpiredToolCallGoesBackToTheModelAsARefusal() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        modelSettles();
        steward = start(b -> b.clock(clock));
        GovernedCapability settle = settle(steward, "lookupPolicy", "issuePayment");
        String id;
        try {
            settle.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);
            throw new AssertionError("expected the payment to be held");
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        // the tool's expiry is P1D and no approver decides
        clock.advance(java.time.Duration.ofDays(1).plusMinutes(1));

        Answer<?> answer = steward.resume(id, Callers.ADJUSTER);

        assertThat(bean.payments).isEmpty();
        assertThat(answer.text()).isEqualTo("settled: {\"refused\":true,\"reason\":\"no approver decided in time\"}");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(dev.steward.api.ApprovalStatus.EXPIRED);
        assertThat(toolRecords())
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.PENDING_APPROVAL, Outcome.REJECTED);
    }

    @Test
    void aToolCallsRecordHasTheToolsDurationAndFailsWhenTheToolThrowsOrTheArgumentsDoNotBind() throws Exception {
        CountingTools counting = new CountingTools();
        List<ToolCall> asked = List.of(
                new ToolCall("c-ok", "countClaims", "{\"year\":2025}"),
                new ToolCall("c-type", "countClaims", "{\"year\":\"last year\"}"),
                new ToolCall("c-json", "countClaims", "{\"year\":"),
                new ToolCall("c-throws", "readLedger", "{\"policyId\":\"P-7\"}"));
        provider.behaves(r -> r.messages().size() == 1
                ? InferenceResponse.toolCalls(asked, "", "m", new TokenUsage(10, 20))
                : InferenceResponse.of(
                        r.messages().stream()
                                .filter(m -> m.role() == ChatMessage.Role.TOOL)
                                .map(ChatMessage::content)
                                .reduce((a, b) -> a + "|" + b)
                                .orElse(""),
                        "m",
                        new TokenUsage(10, 20)));
        steward = start(b -> {
            try {
                return b.tool(MethodTool.of(CountingTools.class.getMethod("countClaims", int.class), () -> counting))
                        .tool(MethodTool.of(CountingTools.class.getMethod("readLedger", String.class), () -> counting));
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        });

        String answer =
                settle(steward, "countClaims", "readLedger").invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);

        String[] results = answer.split("\\|");
        assertThat(results).hasSize(4);
        assertThat(results[0]).isEqualTo("3");
        assertThat(results[1]).startsWith("{\"error\":\"the arguments do not fit");
        assertThat(results[2]).startsWith("{\"error\":\"the arguments do not fit");
        assertThat(results[3]).isEqualTo("{\"error\":\"the tool failed\"}");
        List<AuditRecord> records = toolRecords();
        assertThat(records)
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
        assertThat(records.get(0).latency())
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(CountingTools.SLEEP_MILLIS));
        assertThat(records.get(0).source()).isEqualTo(CountingTools.class.getName() + "#countClaims");
        assertThat(records.get(1).reason()).contains("the model's arguments did not fit the tool");
        assertThat(records.get(2).reason()).contains("the model's arguments did not fit the tool");
        assertThat(records.get(3).reason()).contains("the tool failed: java.lang.IllegalStateException");
        assertThat(records).allSatisfy(r -> assertThat(r.reason()).doesNotContain("last year"));
    }

    @Test
    void refusesAndAuditsTheResumeOfAnIdThatHoldsNoToolCall() {
        steward = start();
        GovernedCapability settle = settle(steward, "lookupPolicy", "issuePayment");
        java.time.Instant now = java.time.Instant.now();
        store.create(new ApprovalRequest(
                "held-answer",
                "claims.settle",
                Callers.ADJUSTER,
                "supervisor",
                "a held answer, not a tool call",
                java.util.OptionalDouble.empty(),
                now,
                now.plusSeconds(3600),
                dev.steward.api.ApprovalStatus.PENDING,
                null,
                null,
                null));
        store.create(new ApprovalRequest(
                "elsewhere",
                "claims.elsewhere",
                Callers.ADJUSTER,
                "supervisor",
                "{}",
                java.util.OptionalDouble.empty(),
                now,
                now.plusSeconds(3600),
                dev.steward.api.ApprovalStatus.PENDING,
                null,
                null,
                null));

        assertThatThrownBy(() -> steward.resume("no-such-id", Callers.ADJUSTER))
                .isInstanceOfSatisfying(
                        ApprovalNotAllowedException.class,
                        e -> assertThat(e.capability()).isNull())
                .hasMessageContaining("no approval request has id 'no-such-id'");
        assertThatThrownBy(() -> steward.resume("held-answer", Callers.ADJUSTER))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("no tool call of 'claims.settle' is held");
        assertThatThrownBy(() -> steward.resume("elsewhere", Callers.ADJUSTER2))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("which this instance does not declare");
        assertThatThrownBy(() -> settle.resume("no-such-id", Callers.ADJUSTER2))
                .isInstanceOf(ApprovalNotAllowedException.class);

        assertThat(audit.records())
                .extracting(
                        AuditRecord::outcome,
                        AuditRecord::principal,
                        AuditRecord::approvalId,
                        AuditRecord::capability,
                        AuditRecord::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Outcome.APPROVAL_REFUSED,
                                "adjuster1",
                                "no-such-id",
                                ApprovalService.UNKNOWN_CAPABILITY,
                                "unknown request: resume refused"),
                        org.assertj.core.groups.Tuple.tuple(
                                Outcome.APPROVAL_REFUSED,
                                "adjuster1",
                                "held-answer",
                                "claims.settle",
                                "no tool call of 'claims.settle' held: resume refused"),
                        org.assertj.core.groups.Tuple.tuple(
                                Outcome.APPROVAL_REFUSED,
                                "adjuster2",
                                "elsewhere",
                                "claims.elsewhere",
                                "capability not declared here: resume refused"),
                        org.assertj.core.groups.Tuple.tuple(
                                Outcome.APPROVAL_REFUSED,
                                "adjuster2",
                                "no-such-id",
                                ApprovalService.UNKNOWN_CAPABILITY,
                                "unknown request: resume refused"));
        assertThat(store.find("held-answer").orElseThrow().status()).isEqualTo(dev.steward.api.ApprovalStatus.PENDING);
    }

    /** A model that asks for the policy again in every round, never answering. */
    private void modelKeepsLookingUp() {
        provider.behaves(r -> InferenceResponse.toolCalls(
                List.of(new ToolCall("c" + r.messages().size(), "lookupPolicy", LOOKUP_ARGUMENTS)),
                "",
                "m",
                new TokenUsage(1, 1)));
    }

    @Test
    void stopsAModelThatKeepsAskingForToolsAfterTheMaximumRounds() {
        config.put("steward.capability.claims.settle.max-tool-rounds", "2");
        modelKeepsLookingUp();
        steward = start();

        assertThatThrownBy(() -> settle(steward, "lookupPolicy").invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOfSatisfying(
                        ToolLimitExceededException.class,
                        e -> assertThat(e.rounds()).isEqualTo(2));
        assertThat(provider.calls.get()).isEqualTo(3);
        assertThat(bean.lookups).hasSize(2);
        assertThat(audit.records().get(audit.records().size() - 1).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void withoutTheKeyACallMakesAtMostFiveRoundsOfToolCalls() {
        modelKeepsLookingUp();
        steward = start();

        assertThatThrownBy(() -> settle(steward, "lookupPolicy").invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOfSatisfying(
                        ToolLimitExceededException.class,
                        e -> assertThat(e.rounds()).isEqualTo(5));
        assertThat(bean.lookups).hasSize(5);
    }

    @Test
    void theApproverRolesIncludeThoseOfToolsThatNoCapabilityUses() {
        steward = start();
        steward.capability(CapabilityDefinition.builder("claims.settle")
                .parameterNames(List.of("claim"))
                .approval(new CapabilityDefinition.Approval("letters-desk", RequiresApproval.ALWAYS, "P1D"))
                .build());

        assertThat(steward.approverRoles()).containsExactly("letters-desk", "supervisor");
    }

    @Test
    void thePerCallCeilingBoundsTheLoop() {
        config.put("steward.capability.claims.settle.max-tool-rounds", "50");
        config.put("steward.capability.claims.settle.max-output-tokens", "10");
        config.put("steward.capability.claims.settle.ceiling.per-call", "100 tokens");
        provider.behaves(r -> InferenceResponse.toolCalls(
                List.of(new ToolCall("c" + r.messages().size(), "lookupPolicy", LOOKUP_ARGUMENTS)),
                "",
                "m",
                new TokenUsage(10, 20)));
        steward = start();

        assertThatThrownBy(() -> settle(steward, "lookupPolicy").invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("per-call ceiling of 100 tokens");
        assertThat(provider.calls.get()).isEqualTo(4);
    }

    @Test
    void anUnknownToolOrAProviderWithoutToolsFailsAtStartup() {
        steward = start();
        assertThatThrownBy(() -> settle(steward, "refund"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown tool 'refund'; the registered tools are [issuePayment, lookupPolicy]");

        ScriptedProvider plain = new ScriptedProvider("plain");
        try (Steward other = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(plain)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.settle", "v1", "Settle {{claim}}"))
                .auditSink(new InMemoryAuditSink(10))
                .tool(MethodTool.of(ClaimTools.class.getMethod("lookupPolicy", String.class), () -> bean))
                .build()) {
            assertThatThrownBy(() -> settle(other, "lookupPolicy"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("provider 'plain' of route 'default' cannot offer tools");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
