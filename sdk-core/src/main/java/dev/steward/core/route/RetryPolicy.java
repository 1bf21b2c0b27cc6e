package dev.steward.core.route;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a provider is retried: exponential backoff from {@code backoff}, doubled per retry up
 * to {@code maxBackoff}, with {@code jitter} (a fraction in [0, 1]) of random spread; a provider's Retry-After wins
 * when it asks for longer, capped at {@code maxBackoff}. Immutable.
 *
 * @param maxAttempts tries in all, at least 1 (1 means no retry)
 * @param backoff the wait before the first retry
 * @param maxBackoff the longest wait
 * @param jitter the random spread as a fraction of the wait
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff, double jitter) {

    /** One try, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);

    /**
     * Validates the policy.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
    }

    /**
     * The wait before a retry.
     *
     * @param retry the retry number, 1 for the first retry
     * @param random a uniform random number in [0, 1)
     * @param retryAfter what the provider asked for, or {@code null}
     * @return the wait
     */
    public Duration delay(int retry, double random, Duration retryAfter) {
        long base = backoff.toNanos() << Math.min(retry - 1, 20);
        long capped = Math.min(base < 0 ? Long.MAX_VALUE : base, maxBackoff.toNanos());
        long spread = (long) (capped * jitter * (2 * random - 1));
        long wait = Math.max(0, capped + spread);
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toNanos(), maxBackoff.toNanos()));
        }
        return Duration.ofNanos(wait);
    }
}
