package dev.steward.api.spi;

import java.time.Duration;

/**
 * Hands out permits per key at a fixed rate: at most {@code permits} per {@code period} for each key, refilled
 * continuously (a token bucket that starts full). Steward asks it once per call with the key
 * {@code <capability>:<user>} and the capability's {@code rate-limit.permits} and {@code rate-limit.period}, and
 * refuses the call with a {@link dev.steward.api.RateLimitedException} when no permit is left. The default keeps its
 * buckets in one JVM; a shared limiter (Redis) counts for every instance of an application, so the limit holds
 * cluster-wide. Implementations must be thread-safe, and shared ones atomic across JVMs.
 */
public interface RateLimiter {

    /**
     * Takes one permit of a key if one is left.
     *
     * @param key the bucket's key, for example {@code claims.summarize:adjuster1}
     * @param permits the bucket size and the refill per period, positive; the same for every call with this key
     * @param period the refill period, positive
     * @return {@link Duration#ZERO} if a permit was taken, otherwise how long until one is available (positive)
     * @throws IllegalArgumentException if {@code permits} or {@code period} is not positive
     * @throws RuntimeException if a shared limiter cannot reach its store; the call then fails rather than pass
     *     unlimited
     */
    Duration tryAcquire(String key, int permits, Duration period);
}
