package dev.steward.cdi.it.ejb;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.ejb.Stateless;

/** A governed stateless session bean with a no-interface view. */
@Stateless
public class ProposalDesk {

    /**
     * Proposes an adjustment that a supervisor must approve.
     *
     * @param claimId the claim
     * @return the released proposal
     */
    @AiCapability(value = "ejb.propose", prompt = "claims.adjust")
    @RequiresApproval(role = "supervisor")
    public String propose(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
