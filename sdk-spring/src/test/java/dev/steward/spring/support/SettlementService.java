package dev.steward.spring.support;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A capability whose model may look a policy up and pay, the payment held for a supervisor; a plain bean whose tools
 * also carry the application's own method security and transactions.
 */
public class SettlementService {

    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final List<String> payments = new CopyOnWriteArrayList<>();
    private final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

    /** Policies looked up; a method, since the bean is proxied. */
    public List<String> lookups() {
        return List.copyOf(lookups);
    }

    /** Whether each payment ran inside a transaction. */
    public List<Boolean> paidInTransaction() {
        return List.copyOf(inTransaction);
    }

    /** Payments made, as {@code claim:amount}. */
    public List<String> payments() {
        return List.copyOf(payments);
    }

    /**
     * A model that looks the policy up, then pays 900 on the claim, then answers with what the last tool said.
     *
     * @param request the conversation so far
     * @return the model's next turn
     */
    public static InferenceResponse settlingModel(InferenceRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        TokenUsage usage = new TokenUsage(10, 5);
        if (last.role() == ChatMessage.Role.USER) {
            return InferenceResponse.toolCalls(
                    List.of(new ToolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-7\"}")), "", "m", usage);
        }
        if (last.toolCallId().equals("call_1")) {
            return InferenceResponse.toolCalls(
                    List.of(new ToolCall("call_2", "issuePayment", "{\"claimId\":\"C-1\",\"amount\":900}")),
                    "",
                    "m",
                    usage);
        }
        return InferenceResponse.of("done: " + last.content(), "m", usage);
    }

    @AiCapability(
            value = "claims.propose-settlement",
            tools = {"lookupPolicy", "issuePayment"})
    public String propose(String claimId) {
        throw new AssertionError("the body of a capability method never runs");
    }

    /** Finds a policy's limit; Spring Security lets adjusters only, whatever Steward's tool policy says. */
    @AiTool(description = "Finds the limit of an insurance policy")
    @PreAuthorize("hasRole('adjuster')")
    public BigDecimal lookupPolicy(String policyId) {
        lookups.add(policyId);
        return new BigDecimal("5000.00");
    }

    /** Pays a claim, once a supervisor approves, in a transaction where the application has a transaction manager. */
    @AiTool(description = "Pays an amount on a claim")
    @RequiresApproval(role = "supervisor")
    @Transactional
    public String issuePayment(String claimId, BigDecimal amount) {
        inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
        payments.add(claimId + ":" + amount.toPlainString());
        return "PAY-" + payments.size();
    }
}
