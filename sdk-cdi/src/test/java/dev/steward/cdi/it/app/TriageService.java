package dev.steward.cdi.it.app;

import dev.steward.api.annotation.AiCapability;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A capability whose answer is a record. */
@ApplicationScoped
public class TriageService {

    /**
     * A triage decision.
     *
     * @param team where the claim goes
     * @param confidence how sure the model is
     * @param reasons why
     */
    public record Triage(String team, double confidence, List<String> reasons) {}

    /**
     * Triages a claim.
     *
     * @param claimId the claim
     * @return the decision, as the model gave it
     */
    @AiCapability("claims.triage")
    public Triage triage(String claimId) {
        return null;
    }
}
