package dev.steward.providers.route;

import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tools of a claims application, for tests that run them through a real gateway. */
public final class ClaimTools {

    /** A policy as the lookup returns it. */
    public record Policy(String id, String holder, BigDecimal limit) {}

    final List<String> payments = new CopyOnWriteArrayList<>();

    /**
     * Finds a policy.
     *
     * @param policyId the policy's id
     * @return the policy
     */
    @AiTool(description = "Finds an insurance policy by its id")
    public Policy lookupPolicy(String policyId) {
        return new Policy(policyId, "Jane Roe", new BigDecimal("5000.00"));
    }

    /**
     * Pays a claim.
     *
     * @param claimId the claim
     * @param amount the amount
     * @return a confirmation
     */
    @AiTool(description = "Pays an amount on a claim")
    @RequiresApproval(role = "supervisor")
    public String issuePayment(String claimId, BigDecimal amount) {
        payments.add(claimId + ":" + amount.toPlainString());
        return "{\"paid\":true}";
    }
}
