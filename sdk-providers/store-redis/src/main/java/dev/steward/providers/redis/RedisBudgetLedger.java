package dev.steward.providers.redis;

import dev.steward.api.spi.BudgetLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A budget ledger in Redis, shared by every JVM that uses the same server and key prefix. Each budget is a hash
 * {@code <prefix>budget:{<budget>}} with the fields {@code spent} and {@code reserved}; each open reservation is a
 * string {@code <prefix>budget:{<budget>}:reservation:<id>} holding its amount. Reserving, settling and releasing
 * are each one Lua script, so the check and the change are atomic on the server and cost one round trip. Every key
 * expires by itself at the budget's window end plus {@link #EXPIRY_MARGIN}, so ended windows need no sweeping. The
 * braces make a budget's keys share one hash slot, as Redis Cluster requires of a script's keys.
 *
 * <p>When Redis fails an operation (unreachable, or no reply within the client's timeout) the operation throws, and
 * its outcome is unknown: a script held up by a stalled network may still reach the server after the caller gave up.
 * So the ledger remembers it and settles the matter once Redis answers again, from a background thread: a reserve
 * that failed is cancelled (its amount given back if it arrived, and marked so that it reserves nothing if it
 * arrives later), a settle or release that failed is sent again (each closes a reservation at most once). The spend
 * stays exact and no failed call keeps its reservation until the window ends. What is still unresolved when the
 * ledger is {@linkplain #close() closed} or after {@link #MAX_UNRESOLVED} failures in one outage stays reserved until
 * its window ends.
 *
 * <p>Amounts are compared as Lua numbers (doubles), exact up to 2<sup>53</sup>; the pipeline's clock, which sets
 * the window ends, is assumed to agree with the server's to within the margin. Thread-safe: the client is a
 * connection pool, all budget state lives on the server, and the operations to resolve are in a concurrent queue
 * that one retry thread at a time works through.
 */
public final class RedisBudgetLedger implements BudgetLedger, AutoCloseable {

    /**
     * How long a budget's keys outlive its window: a call that reserved just before the window ended can still
     * settle, and small clock differences between the JVMs and the server do not drop a live budget.
     */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    /** The most operations of unknown outcome the ledger keeps to resolve; further ones are logged and left. */
    public static final int MAX_UNRESOLVED = 100_000;

    // between two attempts of the retry thread while Redis still fails
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    // how long a cancelled reservation of a budget without window end stays marked
    private static final Duration CANCEL_MARK_WITHOUT_WINDOW = Duration.ofDays(1);

    private static final System.Logger LOG = System.getLogger(RedisBudgetLedger.class.getName());

    // KEYS: budget, reservation. ARGV: amount, limit, expiry (epoch ms, 0 for none). Returns 1 if reserved, else 0.
    // A reservation key that exists already was cancelled before this script arrived: it reserves nothing.
    private static final LuaScript RESERVE = new LuaScript("""
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return 0
            end
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

    // KEYS: budget, reservation. ARGV: how long to keep the mark (ms). Gives an open reservation back, or marks an
    // absent one closed so that its reserve, arriving late, reserves nothing. Returns 1 if given back, else 0.
    private static final LuaScript CANCEL = new LuaScript("""
            local held = redis.call('GET', KEYS[2])
            if not held then
              redis.call('SET', KEYS[2], 'closed', 'PX', ARGV[1])
              return 0
            end
            if held == 'closed' then
              return 0
            end
            redis.call('SET', KEYS[2], 'closed', 'KEEPTTL')
            redis.call('HINCRBY', KEYS[1], 'reserved', -tonumber(held))
            return 1
            """);

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final Duration expiryMargin;
    private final Queue<Unresolved> unresolved = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unresolvedCount = new AtomicInteger();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile boolean closed;

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
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached or fails the script; the
     *     reservation, if it was or will be made, is then cancelled in the background once Redis answers
     */
    @Override
    public Reservation reserve(String budget, long amount, long limit, Instant expiresAt) {
        if (amount < 0 || limit < 0) {
            throw new IllegalArgumentException(
                    "amount and limit must not be negative, were " + amount + " and " + limit + " for " + budget);
        }
        String id = UUID.randomUUID().toString();
        long expiry = expiryMillis(expiresAt);
        Object reserved;
        try {
            reserved = RESERVE.run(
                    redis,
                    List.of(budgetKey(budget), reservationKey(budget, id)),
                    List.of(Long.toString(amount), Long.toString(limit), Long.toString(expiry)));
        } catch (JedisException e) {
            resolveLaterUnlessAnswered(e, new Unresolved(new Reservation(id, budget, amount), null, expiry));
            throw e;
        }
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
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached or fails the script; the
     *     settle is then sent again in the background until Redis answers
     */
    @Override
    public void settle(Reservation reservation, long actualAmount) {
        if (actualAmount < 0) {
            throw new IllegalArgumentException("actual amount must not be negative, was " + actualAmount);
        }
        closeReservation(reservation, Long.toString(actualAmount));
    }

    /**
     * Gives a reservation back without spending; atomic, and counted once like {@link #settle}.
     *
     * @param reservation a reservation from {@link #reserve}
     * @throws IllegalStateException if the reservation was already settled or released
     * @throws redis.clients.jedis.exceptions.JedisException if Redis cannot be reached or fails the script; the
     *     release is then sent again in the background until Redis answers
     */
    @Override
    public void release(Reservation reservation) {
        closeReservation(reservation, "");
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

    /**
     * How many operations whose outcome is unknown, because Redis failed them, the ledger has still to resolve.
     *
     * @return 0 when every failed operation has been cancelled or repeated
     */
    public int unresolved() {
        return unresolvedCount.get();
    }

    /**
     * Stops resolving failed operations; those still unresolved keep their amounts reserved until their windows end,
     * which is logged. Does not close the client, which the caller owns. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        int left = unresolvedCount.get();
        if (left > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "closed with {0} budget operations of unknown outcome unresolved (Redis failed them); their"
                            + " reservations, where they reached Redis, stay reserved until their windows end",
                    left);
        }
    }

    private void closeReservation(Reservation reservation, String actual) {
        Object done;
        try {
            done = closeOnServer(reservation, actual);
        } catch (JedisException e) {
            resolveLaterUnlessAnswered(e, new Unresolved(reservation, actual, 0));
            throw e;
        }
        if (Long.valueOf(-1).equals(done)) {
            throw new IllegalStateException(
                    "reservation " + reservation.id() + " of " + reservation.budget() + " was already closed");
        }
    }

    private Object closeOnServer(Reservation reservation, String actual) {
        return CLOSE.run(
                redis,
                List.of(budgetKey(reservation.budget()), reservationKey(reservation.budget(), reservation.id())),
                List.of(actual));
    }

    private void cancelOnServer(Reservation reservation, long expiry) {
        long keepMillis =
                expiry == 0 ? CANCEL_MARK_WITHOUT_WINDOW.toMillis() : Math.max(1, expiry - System.currentTimeMillis());
        CANCEL.run(
                redis,
                List.of(budgetKey(reservation.budget()), reservationKey(reservation.budget(), reservation.id())),
                List.of(Long.toString(keepMillis)));
    }

    /**
     * An operation Redis failed, so that it may or may not have happened: a reserve to cancel ({@code actual} null),
     * or a settle ({@code actual} the amount) or release ({@code actual} empty) to send again. Both are idempotent.
     */
    private record Unresolved(Reservation reservation, String actual, long expiry) {}

    // An error reply (JedisDataException) means the server ran the script and refused: nothing is unknown then.
    private void resolveLaterUnlessAnswered(JedisException e, Unresolved operation) {
        if (!(e instanceof JedisDataException)) {
            resolveLater(operation);
        }
    }

    private void resolveLater(Unresolved operation) {
        if (closed) {
            return;
        }
        if (unresolvedCount.incrementAndGet() > MAX_UNRESOLVED) {
            unresolvedCount.decrementAndGet();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "more than {0} budget operations of unknown outcome; reservation {1} of {2}, where it reached"
                            + " Redis, stays reserved until its window ends",
                    MAX_UNRESOLVED,
                    operation.reservation().id(),
                    operation.reservation().budget());
            return;
        }
        unresolved.add(operation);
        startRetrying();
    }

    private void startRetrying() {
        if (!closed && retrying.compareAndSet(false, true)) {
            Thread retry = new Thread(this::resolveAll, "steward-redis-ledger-resolve");
            retry.setDaemon(true);
            retry.start();
        }
    }

    // The one retry thread: works through the queue while Redis answers, pauses while it fails, and ends when the
    // queue is empty; the flag is released before the last look, so an operation queued meanwhile is not missed.
    private void resolveAll() {
        while (true) {
            Unresolved next;
            while (!closed && (next = unresolved.peek()) != null) {
                try {
                    if (next.actual() == null) {
                        cancelOnServer(next.reservation(), next.expiry());
                    } else {
                        closeOnServer(next.reservation(), next.actual());
                    }
                } catch (JedisDataException refused) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Redis refused to resolve reservation {0} of {1}: {2}",
                            next.reservation().id(),
                            next.reservation().budget(),
                            refused.getMessage());
                } catch (JedisException unreachable) {
                    try {
                        Thread.sleep(RETRY_PAUSE.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        retrying.set(false);
                        return;
                    }
                    continue;
                }
                unresolved.poll();
                unresolvedCount.decrementAndGet();
            }
            retrying.set(false);
            if (closed || unresolved.isEmpty() || !retrying.compareAndSet(false, true)) {
                return;
            }
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
