package dev.steward.cdi.javax.it.app;

import dev.steward.api.annotation.AiCapability;
import javax.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/** A governed bean wrapped by MicroProfile Fault Tolerance: {@code @Retry} repeats the whole governed call. */
@ApplicationScoped
public class TriageService {

    /**
     * Triages a claim on the flaky route.
     *
     * @param claimId the claim
     * @return the model's triage
     */
    @Retry(maxRetries = 2, delay = 0)
    @AiCapability(value = "claims.triage", route = "flaky")
    public String triage(String claimId) {
        throw new IllegalStateException("the governed method's body must not run");
    }
}
