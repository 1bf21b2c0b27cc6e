package dev.steward.samples.claims.spring;

import dev.steward.api.Answer;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.annotation.RiskTier;
import org.springframework.stereotype.Service;

/**
 * The AI-assisted steps of claims handling, as on Jakarta EE: the method bodies never run for inference; Steward
 * answers each call through the configured route and governs it (identity, authorization, prompt version, budget,
 * approval, audit).
 */
@Service
public class ClaimAssistant {

    /**
     * Routes a claim to the team that should handle it: the local embeddings classifier answers offline.
     *
     * @param description the claim's description
     * @return the team, with the classifier's confidence
     */
    @AiCapability(value = "claims.triage", route = "triage", risk = RiskTier.LOW, dataClasses = DataClass.PII)
    public Answer triage(String description) {
        return null;
    }

    /**
     * Summarizes a claim for the adjuster: the gateway when enabled, else an extractive summary in plain Java.
     *
     * @param description the claim's description
     * @return the summary, with whether it was degraded and why
     */
    @AiCapability(
            value = "claims.summarize",
            route = "summarize",
            risk = RiskTier.MEDIUM,
            dataClasses = DataClass.PII,
            fallback = "summarizeWithoutModel")
    public Answer summarize(String description) {
        return null;
    }

    /**
     * The fallback of {@link #summarize}: same parameters, plain Java.
     *
     * @param description the claim's description
     * @return the first sentences of the description
     */
    public String summarizeWithoutModel(String description) {
        return ExtractiveSummary.of(description, 160);
    }

    /**
     * Drafts the letter to the policy holder; a supervisor approves it before it is released, and each adjuster may
     * spend only so much a day on drafts.
     *
     * @param policyHolder the addressee
     * @param claimId the claim number
     * @param decision what was decided, in the adjuster's words
     * @return the letter, once approved
     */
    @AiCapability(value = "claims.draft-letter", route = "letters", risk = RiskTier.HIGH, dataClasses = DataClass.PII)
    @RequiresApproval(role = "supervisor", expiry = "P2D")
    @CostCeiling(perUser = "600 tokens", period = CostCeiling.Period.DAY)
    public String draftLetter(String policyHolder, String claimId, String decision) {
        return null;
    }
}
