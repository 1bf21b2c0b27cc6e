package dev.steward.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One try of one provider within a call, as recorded in audit. Immutable.
 *
 * @param provider the provider name
 * @param result how the try ended
 * @param latency how long it took
 * @param error what went wrong, or {@code null} when it succeeded
 */
public record Attempt(String provider, Result result, Duration latency, String error) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code provider}, {@code result} or {@code latency} is {@code null}
     */
    public Attempt {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(latency, "latency");
    }

    /** How one try ended. */
    public enum Result {
        /** The provider answered. */
        SUCCEEDED,
        /** The provider failed in a way worth retrying. */
        RETRIABLE_FAILURE,
        /** The provider failed in a way that retrying cannot fix. */
        FAILED,
        /** The provider did not answer within its timeout. */
        TIMED_OUT,
        /** The provider's circuit breaker was open, so it was not called. */
        SKIPPED_CIRCUIT_OPEN
    }
}
