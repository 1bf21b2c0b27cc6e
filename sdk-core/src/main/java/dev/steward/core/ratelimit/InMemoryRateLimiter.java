package dev.steward.core.ratelimit;

import dev.steward.api.spi.RateLimiter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The rate limiter of one JVM: a {@link TokenBucketRateLimiter} for each distinct rate, each holding a bucket per key.
 * Thread-safe: the limiters are created once per rate through a concurrent map, and each bucket changes under its
 * own monitor.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private record Rate(int permits, Duration period) {}

    private final LongSupplier nanoTicker;
    private final ConcurrentHashMap<Rate, TokenBucketRateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * A limiter on a ticker.
     *
     * @param nanoTicker a monotonic nanosecond ticker, such as {@code System::nanoTime}
     */
    public InMemoryRateLimiter(LongSupplier nanoTicker) {
        this.nanoTicker = nanoTicker;
    }

    /**
     * Takes one permit of a key if one is left.
     *
     * @param key the bucket's key
     * @param permits the bucket size and the refill per period, positive
     * @param period the refill period, positive
     * @return {@link Duration#ZERO} if a permit was taken, else how long until one is available
     * @throws IllegalArgumentException if {@code permits} or {@code period} is not positive
     */
    @Override
    public Duration tryAcquire(String key, int permits, Duration period) {
        TokenBucketRateLimiter limiter = limiters.get(new Rate(permits, period));
        if (limiter == null) {
            // validates before it is stored, so a bad rate never enters the map
            TokenBucketRateLimiter created = new TokenBucketRateLimiter(permits, period, nanoTicker);
            TokenBucketRateLimiter raced = limiters.putIfAbsent(new Rate(permits, period), created);
            limiter = raced == null ? created : raced;
        }
        return limiter.tryAcquire(key);
    }
}
