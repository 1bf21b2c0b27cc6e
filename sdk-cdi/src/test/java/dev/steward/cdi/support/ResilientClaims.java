package dev.steward.cdi.support;

import dev.steward.api.annotation.AiCapability;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Governed methods that also carry MicroProfile Fault Tolerance annotations. */
@ApplicationScoped
public class ResilientClaims {

    /**
     * Retried by Fault Tolerance.
     *
     * @param claimId the claim
     * @return the answer
     */
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @AiCapability("ft.retry")
    public String retried(String claimId) {
        throw new AssertionError("body must not run");
    }

    /**
     * Answered by Fault Tolerance's fallback when Steward fails.
     *
     * @param claimId the claim
     * @return the answer
     */
    @Fallback(fallbackMethod = "cannedAnswer")
    @AiCapability("ft.fallback")
    public String withFallback(String claimId) {
        throw new AssertionError("body must not run");
    }

    /**
     * Guarded by a circuit breaker.
     *
     * @param claimId the claim
     * @return the answer
     */
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    @AiCapability("ft.breaker")
    public String guarded(String claimId) {
        throw new AssertionError("body must not run");
    }

    /**
     * Bounded in time.
     *
     * @param claimId the claim
     * @return the answer
     */
    @Timeout(300)
    @AiCapability("ft.timeout")
    public String bounded(String claimId) {
        throw new AssertionError("body must not run");
    }

    /**
     * One call at a time.
     *
     * @param claimId the claim
     * @return the answer
     */
    @Bulkhead(1)
    @AiCapability("ft.bulkhead")
    public String isolated(String claimId) {
        throw new AssertionError("body must not run");
    }

    String cannedAnswer(String claimId) {
        return "canned answer for " + claimId;
    }
}
