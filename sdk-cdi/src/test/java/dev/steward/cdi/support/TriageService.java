package dev.steward.cdi.support;

import dev.steward.api.Answer;
import dev.steward.api.annotation.AiCapability;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Capabilities that answer a record rather than text. */
@ApplicationScoped
public class TriageService {

    /** Where a claim goes. */
    public enum Team {
        /** Paid without investigation. */
        FAST_TRACK,
        /** The usual queue. */
        STANDARD,
        /** The special investigations unit. */
        FRAUD_REVIEW
    }

    /**
     * A triage decision.
     *
     * @param team where the claim goes
     * @param confidence how sure the model is
     * @param reasons why
     */
    public record Triage(Team team, double confidence, List<String> reasons) {}

    /**
     * Triages a claim; when no provider answers, the manual triage does.
     *
     * @param claimId the claim
     * @return the decision
     */
    @AiCapability(value = "claims.triage", fallback = "manualTriage")
    public Triage triage(String claimId) {
        throw new AssertionError("the body of a capability method never runs");
    }

    /**
     * The same triage with the model and confidence beside it.
     *
     * @param claimId the claim
     * @return the answer
     */
    @AiCapability(value = "claims.triage-detailed", prompt = "claims.triage")
    public Answer<Triage> triageDetailed(String claimId) {
        throw new AssertionError("the body of a capability method never runs");
    }

    Triage manualTriage(String claimId) {
        return new Triage(Team.STANDARD, 0, List.of("no model answered; triaged by the rules"));
    }
}
