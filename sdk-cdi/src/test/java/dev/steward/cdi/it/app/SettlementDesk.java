package dev.steward.cdi.it.app;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.enterprise.context.ApplicationScoped;

/** A governed bean of the test WAR whose model pays a claim, each payment held for a supervisor. */
@ApplicationScoped
public class SettlementDesk {

    /**
     * Settles a claim.
     *
     * @param claimId the claim
     * @return the model's answer
     */
    @AiCapability(value = "claims.settle", tools = "issuePayment")
    public String settle(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }

    /**
     * Pays a claim.
     *
     * @param claimId the claim
     * @return the payment's reference
     */
    @AiTool(description = "Pays a claim")
    @RequiresApproval(role = "supervisor")
    public String issuePayment(String claimId) {
        return "PAY-" + claimId;
    }
}
