package dev.steward.opentelemetry.it.app;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RiskTier;
import jakarta.enterprise.context.ApplicationScoped;

/** The governed bean of the test WAR. */
@ApplicationScoped
public class SummaryService {

    /**
     * Summarizes a claim.
     *
     * @param claimId the claim
     * @return the model's summary
     */
    @AiCapability(value = "claims.summarize", risk = RiskTier.HIGH)
    public String summarize(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
