package dev.steward.spring.support;

import dev.steward.api.Answer;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import java.util.concurrent.atomic.AtomicInteger;

/** A governed service as a Spring application writes it: a plain bean, no Steward type but the annotations. */
public class ClaimsService {

    /** How many times a method body ran: never, since the model answers. */
    public static final AtomicInteger BODIES_RUN = new AtomicInteger();

    @AiCapability(value = "claims.summarize", fallback = "summaryUnavailable")
    public String summarize(String claimId, String text) {
        BODIES_RUN.incrementAndGet();
        throw new AssertionError("the governed method's body must not run");
    }

    @AiCapability("claims.adjust")
    @RequiresApproval(role = "supervisor")
    public String proposeAdjustment(String claimId) {
        BODIES_RUN.incrementAndGet();
        throw new AssertionError("the governed method's body must not run");
    }

    @AiCapability(value = "claims.classify", fallback = "unclassified")
    public Answer classify(String claimId) {
        BODIES_RUN.incrementAndGet();
        throw new AssertionError("the governed method's body must not run");
    }

    /** A plain method runs as written. */
    public String plain(String text) {
        return "plain " + text;
    }

    String unclassified(String claimId) {
        return "unclassified";
    }

    String summaryUnavailable(String claimId, String text) {
        return "summary unavailable for " + claimId;
    }
}
