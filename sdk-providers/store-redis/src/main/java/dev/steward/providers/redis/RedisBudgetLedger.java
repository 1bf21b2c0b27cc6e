package dev.steward.providers.redis;

import dev.steward.api.spi.BudgetLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * A budget ledger in Redis, shared by every JVM that uses the same server and key prefix. Each budget is a hash
 * {@code <prefix>budget:{<budget>}} with the fields {@code spent} and {@code reserved}; each open reservation is a
 * string {@code <prefix>budget:{<budget>}:reservation:<id>} holding its amount. Reserving, settling and releasing
 * are each one Lua script, so the check and the change are atomic on the server and cost one round trip. Every key
 * expires by itself at the budget's window end plus {@link #EXPIRY_MARGIN}, so ended windows need no sweeping. The
 * braces make a budget's keys share one hash slot, as Redis Cluster requires of a script's keys.
 *
 * <p>Amounts are compared as Lua numbers (doubles), exact up to 2<sup>53</sup>; the pipeline's clock, which sets
 * the window ends, is assumed to agree with the server's to within the margin. Thread-safe: the client is a
 * connection pool and all state lives on the server.
 */
public final class RedisBudgetLedger implements BudgetLedger {

    /**
     * How long a budget's keys outlive its window: a call that reserved just before the window ended can still
     * settle, and small clock differences between the JVMs and the server do not drop a live budget.
     */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    // KEYS: budget, reservation. ARGV: amount, limit, expiry (epoch ms, 0 for none). Returns 1 if reserved, else 0.
    private static final LuaScript RESERVE = new LuaScript("""
            local counts = redis.call('HMGET', KEYS[1], 'spent', 'reserved')
            local used = (tonumber(counts[1]) or 0) + (tonumber(counts[2]) or 0)
            if used + tonumber(ARGV[1]) > tonumber(ARGV[2]) then
              return 0
            end
            redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[1])
            if ARGV[3] ~= '0' then
              redis.call('PEXPIREAT', KEYS[1], ARGV[3])
              redis.call('SET', KEYS[2], ARGV[1], 'PXAT', ARGV[3])
            else
              redis.call('SET', KEYS[2], ARGV[1])
            end
            return 1
            """);

    // KEYS: budget, reservation. ARGV: actual amount ('' to release). Returns 1 if closed now, -1 if it was closed
    // before, 0 if its window's keys have expired. The reservation stays as a tombstone until its window ends, so a
    // second settle is refused rather than counted.
    private static final LuaScript CLOSE = new LuaScript("""
            local held = redis.call('GET', KEYS[2])
            if not held then
              return 0
            end
            if held == 'closed' then
              return -1
            end
            redis.call('SET', KEYS[2], 'closed', 'KEEPTTL')
            redis.call('HINCRBY', KEYS[1], 'reserved', -tonumber(held))
            if ARGV[1] ~= '' then
              redis.call('HINCRBY', KEYS[1], 'spent', ARGV[1])
            end
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl > 0 and redis.call('PTTL', KEYS[1]) == -1 then
              redis.call('PEXPIRE', KEYS[1], ttl)
            end
            return 1
            """);

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final Duration expiryMargin;

    /**
     * A ledger on a client that the caller owns and closes.
     *
     * @param redis the client, typically a pooled {@code RedisClient}
     * @param keyPrefix put before every key, for example {@code steward:}
     * @throws NullPointerException if an argument is {@code null}
     */
    public RedisBudgetLedger(UnifiedJedis redis, String keyPrefix) {
        this(redis, keyPrefix, EXPIRY_MARGIN);
    }

    RedisBudgetLedger(UnifiedJedis redis, String keyPrefix, Duration expiryMargin) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.expiryMargin = Objects.requireNonNull(expiryMargin, "expiryMargin");
    }

    /**
     * Reserves an amount if the budget's spent plus reserved amounts, plus this one, stay within the limit; one
     * atomic script on the server.
     *
     * @param budget the budget's key
     * @param amount the amount to reserve, not negative
     * @param limit the budget's limit, not negative
     * @param expiresAt when the budget's window ends; its keys expire {@link #EXPIRY_MARGIN} later
     * @return the reservation, or {@code null} if the limit would be exceeded
     * @throws IllegalArgumentException if an amount is negative
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached or fails the script
     */
    @Override
    public Reservation reserve(String budget, long amount, long limit, Instant expiresAt) {
        if (amount < 0 || limit < 0) {
            throw new IllegalArgumentException(
                    "amount and limit must not be negative, were " + amount + " and " + limit + " for " + budget);
        }
        String id = UUID.randomUUID().toString();
        Object reserved = RESERVE.run(
                redis,
                List.of(budgetKey(budget), reservationKey(budget, id)),
                List.of(Long.toString(amount), Long.toString(limit), Long.toString(expiryMillis(expiresAt))));
        return Long.valueOf(1).equals(reserved) ? new Reservation(id, budget, amount) : null;
    }

    /**
     * Turns a reservation into spend of the real amount, releasing the difference; atomic, and counted once: a
     * second call for the same reservation changes nothing and throws. A reservation whose window's keys have
     * already expired is ignored, since its budget no longer exists.
     *
     * @param reservation a reservation from {@link #reserve}
     * @param actualAmount the amount really spent, not negative
     * @throws IllegalArgumentException if the amount is negative
     * @throws IllegalStateException if the reservation was already settled or released
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached or fails the script
     */
    @Override
    public void settle(Reservation reservation, long actualAmount) {
        if (actualAmount < 0) {
            throw new IllegalArgumentException("actual amount must not be negative, was " + actualAmount);
        }
        close(reservation, Long.toString(actualAmount));
    }

    /**
     * Gives a reservation back without spending; atomic, and counted once like {@link #settle}.
     *
     * @param reservation a reservation from {@link #reserve}
     * @throws IllegalStateException if the reservation was already settled or released
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached or fails the script
     */
    @Override
    public void release(Reservation reservation) {
        close(reservation, "");
    }

    /**
     * The amount settled in a budget's current window.
     *
     * @param budget the budget's key
     * @return the settled amount, 0 for an unknown or expired budget
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached
     */
    @Override
    public long spent(String budget) {
        String spent = redis.hget(budgetKey(budget), "spent");
        return spent == null ? 0 : Long.parseLong(spent);
    }

    private void close(Reservation reservation, String actual) {
        Object closed = CLOSE.run(
                redis,
                List.of(budgetKey(reservation.budget()), reservationKey(reservation.budget(), reservation.id())),
                List.of(actual));
        if (Long.valueOf(-1).equals(closed)) {
            throw new IllegalStateException(
                    "reservation " + reservation.id() + " of " + reservation.budget() + " was already closed");
        }
    }

    private long expiryMillis(Instant expiresAt) {
        try {
            return expiresAt.plus(expiryMargin).toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return 0; // beyond what Redis can express: the budget never ends
        }
    }

    String budgetKey(String budget) {
        return keyPrefix + "budget:{" + budget + "}";
    }

    String reservationKey(String budget, String id) {
        return keyPrefix + "budget:{" + budget + "}:reservation:" + id;
    }
}
