package dev.steward.cdi.javax.it.app;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import javax.enterprise.context.ApplicationScoped;

/** A governed CDI bean whose answers a supervisor must approve. */
@ApplicationScoped
public class AdjustmentService {

    /**
     * Proposes an adjustment that a supervisor must approve.
     *
     * @param claimId the claim
     * @return the released proposal
     */
    @AiCapability("claims.adjust")
    @RequiresApproval(role = "supervisor")
    public String propose(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
