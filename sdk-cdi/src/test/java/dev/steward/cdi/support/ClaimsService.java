package dev.steward.cdi.support;

import dev.steward.api.Answer;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.enterprise.context.ApplicationScoped;

/** A governed service as an application writes it. */
@ApplicationScoped
public class ClaimsService {

    /** How many times a method body ran: never, since the model answers. */
    public static final java.util.concurrent.atomic.AtomicInteger BODIES_RUN =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Summarizes a claim.
     *
     * @param claimId the claim
     * @param text the claim's text
     * @return the model's summary
     */
    @AiCapability(value = "claims.summarize", fallback = "summaryUnavailable")
    public String summarize(String claimId, String text) {
        BODIES_RUN.incrementAndGet();
        throw new AssertionError("the governed method's body must not run");
    }

    /**
     * Proposes an adjustment that a supervisor must approve.
     *
     * @param claimId the claim
     * @return the released proposal
     */
    @AiCapability("claims.adjust")
    @RequiresApproval(role = "supervisor")
    public String proposeAdjustment(String claimId) {
        BODIES_RUN.incrementAndGet();
        throw new AssertionError("the governed method's body must not run");
    }

    /**
     * Classifies a claim, with the model's confidence.
     *
     * @param claimId the claim
     * @return the answer with its confidence, model and degradation
     */
    @AiCapability(value = "claims.classify", fallback = "unclassified")
    public Answer classify(String claimId) {
        BODIES_RUN.incrementAndGet();
        throw new AssertionError("the governed method's body must not run");
    }

    String unclassified(String claimId) {
        return "unclassified";
    }

    String summaryUnavailable(String claimId, String text) {
        return "summary unavailable for " + claimId;
    }
}
