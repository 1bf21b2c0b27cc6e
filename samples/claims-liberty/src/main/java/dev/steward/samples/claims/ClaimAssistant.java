package dev.steward.samples.claims;

import dev.steward.api.Answer;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.annotation.RiskTier;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The AI-assisted steps of claims handling. The method bodies are never run for inference: Steward answers each call
 * through the configured route, and governs it (identity, authorization, prompt version, budget, approval, audit).
 */
@ApplicationScoped
public class ClaimAssistant {

    /**
     * Routes a claim to the team that should handle it: the local embeddings classifier answers, offline, with the
     * team, its confidence and the labelled examples that voted for it, as a typed answer.
     *
     * @param description the claim's description
     * @return the team, the classifier's confidence and its reasons
     */
    @AiCapability(value = "claims.triage", route = "triage", risk = RiskTier.LOW, dataClasses = DataClass.PII)
    public Triage triage(String description) {
        return null;
    }

    /**
     * Summarizes a claim for the adjuster: the gateway first, then a local model, and when neither answers, an
     * extractive summary in plain Java. Names, IBANs and phone numbers reach the providers as placeholders and are
     * restored in the summary; a description that scores as a prompt injection has its summary held for a supervisor
     * (the configuration's {@code injection.action=require-approval}), every other summary is returned at once.
     *
     * @param description the claim's description
     * @return the summary, with whether it was degraded and why
     */
    @RequiresApproval(role = "supervisor", belowConfidence = 0, expiry = "P2D")
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
     * Drafts the letter to the policy holder; a supervisor must approve it before it is released, and each adjuster
     * may spend only so much a day on drafts.
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

    /**
     * Proposes a settlement of a claim, and pays it: the model may look the policy up and issue the payment, both as
     * the adjuster who asks and only if the adjuster may (the tools' {@code allowed-roles} and {@code allowed-tenants});
     * the payment waits for a supervisor, and the adjuster resumes the call once it is decided. The gateway when
     * enabled, else the sample's offline settlement engine.
     *
     * @param claimId the claim number
     * @param policyId the policy the claim is made under
     * @param claimed the amount claimed, in euros
     * @return the proposal, saying whether the payment was issued
     */
    @AiCapability(
            value = "claims.propose-settlement",
            route = "settlement",
            risk = RiskTier.HIGH,
            tools = {"lookupPolicy", "issuePayment"})
    public String proposeSettlement(String claimId, String policyId, long claimed) {
        return null;
    }
}
