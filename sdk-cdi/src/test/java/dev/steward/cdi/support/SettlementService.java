package dev.steward.cdi.support;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A capability whose model may look a policy up and pay, the payment held for a supervisor. */
@ApplicationScoped
public class SettlementService {

    /** Payments made, as {@code claim:amount}. */
    public static final List<String> PAYMENTS = new CopyOnWriteArrayList<>();

    /**
     * Proposes a settlement.
     *
     * @param claimId the claim
     * @return the proposal
     */
    @AiCapability(
            value = "claims.propose-settlement",
            tools = {"lookupPolicy", "issuePayment"})
    public String propose(String claimId) {
        throw new AssertionError("the body of a capability method never runs");
    }

    /**
     * Finds a policy's limit.
     *
     * @param policyId the policy
     * @return its limit
     */
    @AiTool(description = "Finds the limit of an insurance policy")
    public BigDecimal lookupPolicy(String policyId) {
        return new BigDecimal("5000.00");
    }

    /**
     * Pays a claim.
     *
     * @param claimId the claim
     * @param amount the amount
     * @return the payment's reference
     */
    @AiTool(description = "Pays an amount on a claim")
    @RequiresApproval(role = "supervisor")
    public String issuePayment(String claimId, BigDecimal amount) {
        PAYMENTS.add(claimId + ":" + amount.toPlainString());
        return "PAY-" + PAYMENTS.size();
    }
}
