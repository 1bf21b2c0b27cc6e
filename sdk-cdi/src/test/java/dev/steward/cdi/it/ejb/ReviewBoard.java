package dev.steward.cdi.it.ejb;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.ejb.Singleton;

/** A governed singleton session bean. */
@Singleton
public class ReviewBoard {

    /**
     * Reviews a claim; a supervisor must approve the answer.
     *
     * @param claimId the claim
     * @return the released review
     */
    @AiCapability(value = "ejb.review", prompt = "claims.adjust")
    @RequiresApproval(role = "supervisor")
    public String review(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }

    /**
     * Only supervisors may ask for this one (see the application's configuration), so an adjuster is refused.
     *
     * @param claimId the claim
     * @return the answer
     */
    @AiCapability(value = "ejb.restricted", prompt = "claims.adjust")
    public String restricted(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
