package dev.steward.cdi.it.app;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.enterprise.context.ApplicationScoped;

/** The governed bean of the test WAR. */
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
