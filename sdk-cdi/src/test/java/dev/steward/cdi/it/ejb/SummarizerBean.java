package dev.steward.cdi.it.ejb;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.ejb.Stateless;

/** A governed stateless session bean called only through its business interface. */
@Stateless
public class SummarizerBean implements Summarizer {

    @Override
    @AiCapability(value = "ejb.summarize", prompt = "claims.adjust")
    @RequiresApproval(role = "supervisor")
    public String summarize(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }

    @Override
    @AiCapability(value = "ejb.degraded", prompt = "claims.adjust", route = "broken", fallback = "offline")
    public String summarizeOffline(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }

    String offline(String claimId) {
        return "no model available for claim " + claimId;
    }
}
