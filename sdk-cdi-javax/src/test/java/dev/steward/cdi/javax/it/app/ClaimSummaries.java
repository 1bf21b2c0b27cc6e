package dev.steward.cdi.javax.it.app;

import dev.steward.api.annotation.AiCapability;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;

/** A stateless session bean whose business method is governed; the container runs it in a transaction. */
@Stateless
public class ClaimSummaries {

    /**
     * Summarizes a claim.
     *
     * @param claimId the claim
     * @return the model's summary
     */
    @AiCapability("claims.summarize")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String summarize(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
