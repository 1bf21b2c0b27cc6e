package dev.steward.core.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key (capability and user): each holds up to {@code permits} and refills continuously at
 * {@code permits} per {@code period}. Thread-safe: a bucket changes under its own monitor.
 */
public final class TokenBucketRateLimiter {

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    private final int permits;
    private final double tokensPerNano;
    private final LongSupplier nanoTicker;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * A limiter.
     *
     * @param permits the bucket size and the refill per period, positive
     * @param period the refill period, positive
     * @param nanoTicker a monotonic nanosecond ticker, such as {@code System::nanoTime}
     */
    public TokenBucketRateLimiter(int permits, Duration period, LongSupplier nanoTicker) {
        if (permits <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException(
                    "permits and period must be positive, were " + permits + " and " + period);
        }
        this.permits = permits;
        this.tokensPerNano = permits / (double) period.toNanos();
        this.nanoTicker = nanoTicker;
    }

    /**
     * Takes a permit if one is available.
     *
     * @param key the bucket's key
     * @return {@link Duration#ZERO} if a permit was taken, else how long until one is available
     */
    public Duration tryAcquire(String key) {
        long now = nanoTicker.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(permits, now));
        synchronized (b) {
            b.tokens = Math.min(permits, b.tokens + (now - b.lastNanos) * tokensPerNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - b.tokens) / tokensPerNano));
        }
    }
}
