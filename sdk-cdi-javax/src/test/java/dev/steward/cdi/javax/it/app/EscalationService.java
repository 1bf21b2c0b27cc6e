package dev.steward.cdi.javax.it.app;

import dev.steward.api.annotation.AiCapability;
import javax.enterprise.context.ApplicationScoped;

/** A governed bean only supervisors may call. */
@ApplicationScoped
public class EscalationService {

    /**
     * Drafts an escalation.
     *
     * @param claimId the claim
     * @return the model's draft
     */
    @AiCapability("claims.escalate")
    public String escalate(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
