package dev.steward.providers.redis;

import dev.steward.api.StoreUnavailableException;
import dev.steward.api.spi.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A rate limiter in Redis, shared by every JVM that uses the same server and key prefix, so a limit of N permits
 * per period holds for the whole cluster. Each key is a token bucket, a hash {@code <prefix>rate:{<key>}} with the
 * fields {@code tokens} and {@code at}; one Lua script refills it for the time passed, takes a permit or computes the
 * wait, atomically and in one round trip. Time is the server's ({@code TIME}), so the JVMs' clocks need not agree. A
 * bucket left alone for a period is full again, so it expires after one period (plus a second) and an absent bucket
 * counts as full. Thread-safe: the client is a connection pool and all state lives on the server.
 */
public final class RedisRateLimiter implements RateLimiter {

    /** The store named by its {@link StoreUnavailableException}s. */
    public static final String STORE = "rate limiter";

    // KEYS: bucket. ARGV: permits, period (microseconds). Returns 0 if a permit was taken, else the wait in
    // microseconds. Numbers are stored with 17 significant digits so that they read back exactly.
    private static final LuaScript ACQUIRE = new LuaScript("""
            local permits = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then
              tokens = permits
              at = now
            end
            if now > at then
              tokens = math.min(permits, tokens + (now - at) * permits / period)
              at = now
            end
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.ceil((1 - tokens) * period / permits)
            end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
            redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000) + 1000)
            return wait
            """);

    private final UnifiedJedis redis;
    private final String keyPrefix;

    /**
     * A limiter on a client that the caller owns and closes.
     *
     * @param redis the client, typically a pooled {@code RedisClient}
     * @param keyPrefix put before every key, for example {@code steward:}
     * @throws NullPointerException if an argument is {@code null}
     */
    public RedisRateLimiter(UnifiedJedis redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /**
     * Takes one permit of a key if one is left, for every JVM sharing the server.
     *
     * @param key the bucket's key
     * @param permits the bucket size and the refill per period, positive
     * @param period the refill period, positive, counted in microseconds
     * @return {@link Duration#ZERO} if a permit was taken, else how long until one is available
     * @throws IllegalArgumentException if {@code permits} or {@code period} is not positive
     * @throws StoreUnavailableException (retriable, store {@value #STORE}) if Redis cannot be reached, does not reply
     *     within the client's timeout or fails the script; its capability is the key's part before the first
     *     {@code :}, as in Steward's keys {@code <capability>:<user>}. A request that reached Redis after the caller
     *     gave up still takes its permit.
     */
    @Override
    public Duration tryAcquire(String key, int permits, Duration period) {
        long micros = period.isNegative() ? 0 : period.getSeconds() * 1_000_000 + period.getNano() / 1_000;
        if (permits <= 0 || micros <= 0) {
            throw new IllegalArgumentException(
                    "permits and period must be positive, were " + permits + " and " + period + " for " + key);
        }
        Object wait;
        try {
            wait = ACQUIRE.run(
                    redis, List.of(bucketKey(key)), List.of(Integer.toString(permits), Long.toString(micros)));
        } catch (JedisException e) {
            int colon = key.indexOf(':');
            // the pipeline does not type a limiter's failure itself, so the call would end in a raw client exception
            throw new StoreUnavailableException(
                    colon > 0 ? key.substring(0, colon) : null,
                    STORE,
                    "the Redis rate limiter could not take a permit for '" + key + "': " + e.getMessage(),
                    e);
        }
        long waitMicros = (Long) wait;
        return waitMicros == 0 ? Duration.ZERO : Duration.ofNanos(waitMicros * 1_000);
    }

    String bucketKey(String key) {
        return keyPrefix + "rate:{" + key + "}";
    }
}
