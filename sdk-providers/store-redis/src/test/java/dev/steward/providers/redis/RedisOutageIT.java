package dev.steward.providers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.api.CallerContext;
import dev.steward.api.StoreUnavailableException;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.testing.FaultyProxy;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a caller sees when Redis stalls or goes away under load, through a {@link FaultyProxy} between Steward and the
 * local Redis: every governed call either answers with its budget reserved and settled, or fails closed with a
 * retriable {@link StoreUnavailableException} naming the store within three times the client timeout (see {@link
 * #BOUND}); once Redis is back calls succeed again, and the
 * spend is exactly what the provider answered, with nothing left reserved.
 */
class RedisOutageIT {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    // scheduling on two shared cores
    static final Duration TOLERANCE = Duration.ofMillis(1_500);
    // a call meets the outage in at most two operations (a permit, then the release of its reservation), and one
    // operation on a connection opened during a stall was measured to wait for two timeouts
    static final Duration BOUND = TIMEOUT.multipliedBy(3).plus(TOLERANCE);
    static final int THREADS = 16;
    static final Duration STALL = Duration.ofSeconds(3);
    static final Duration DROP = Duration.ofSeconds(3);
    static final long TOKENS_PER_CALL = 10;

    TestRedis redis;
    FaultyProxy proxy;
    Steward steward;

    @BeforeEach
    void startProxy() throws Exception {
        redis = new TestRedis();
        proxy = new FaultyProxy(redis.url);
    }

    @AfterEach
    void closeAndDeleteKeys() throws Exception {
        if (steward != null) {
            steward.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        // null when Redis was not there and the test was skipped
        if (redis != null) {
            redis.close();
        }
    }

    GovernedCapability capability(FixedProvider provider, boolean ceiling) {
        Map<String, String> config = new HashMap<>(Map.of(
                "steward.rate-limit.store", "redis",
                "steward.store.redis.url", proxy.url(redis.url),
                "steward.store.redis.key-prefix", redis.prefix,
                "steward.store.redis.pool-size", Integer.toString(2 * THREADS),
                "steward.store.redis.timeout", TIMEOUT.toMillis() + "ms",
                "steward.audit.sink", "memory",
                "steward.audit.capacity", "1000000",
                "steward.capability.claims.tag.max-output-tokens", "9",
                // a limit no caller reaches: every call asks Redis for a permit, none is refused
                "steward.capability.claims.tag.rate-limit.permits", "100000000",
                "steward.capability.claims.tag.rate-limit.period", "1h"));
        CapabilityDefinition.Builder definition = CapabilityDefinition.builder("claims.tag");
        if (ceiling) {
            config.put("steward.budget.ledger", "redis");
            definition.ceiling(new CapabilityDefinition.Ceiling(
                    "", "", "1000000000 tokens", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""));
        }
        steward = Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .tokenCounter(FixedProvider.COUNTER)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .build();
        return steward.capability(definition.build());
    }

    /** What the load saw. */
    static final class Load {
        final AtomicInteger answered = new AtomicInteger();
        final Map<String, AtomicInteger> failedByStore = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicLong slowestNanos = new AtomicLong();

        int failed() {
            return failedByStore.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    /** Runs {@link #THREADS} callers, each a call every 5 ms, through a stall and then a drop of Redis, and heals. */
    Load outageUnderLoad(GovernedCapability cap) throws Exception {
        Load load = new Load();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] callers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            CallerContext caller = new CallerContext("user" + t, Set.of("adjuster"), "acme", "corr-" + t);
            callers[t] = new Thread(
                    () -> {
                        while (!stop.get()) {
                            long start = System.nanoTime();
                            try {
                                cap.invoke(caller, new Object[0], null);
                                load.answered.incrementAndGet();
                            } catch (StoreUnavailableException e) {
                                if (e.isRetriable() && "claims.tag".equals(e.capability())) {
                                    load.failedByStore
                                            .computeIfAbsent(e.store(), s -> new AtomicInteger())
                                            .incrementAndGet();
                                } else {
                                    load.unexpected.add(e);
                                }
                            } catch (Throwable e) {
                                load.unexpected.add(e);
                            }
                            long took = System.nanoTime() - start;
                            load.slowestNanos.accumulateAndGet(took, Math::max);
                            LockSupport.parkNanos(Math.max(0, 5_000_000 - took));
                        }
                    },
                    "caller-" + t);
            callers[t].start();
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.answered.get() >= 300);
            proxy.stall(STALL);
            await().atMost(STALL.plusSeconds(5)).until(() -> !proxy.faulty());
            assertThat(load.failed())
                    .as("calls that failed closed during the stall")
                    .isPositive();
            int failedBeforeDrop = load.failed();
            proxy.drop(DROP);
            await().atMost(DROP.plusSeconds(5)).until(() -> !proxy.faulty());
            assertThat(load.failed())
                    .as("calls that failed closed during the drop")
                    .isGreaterThan(failedBeforeDrop);
            proxy.heal();
            int before = load.answered.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.answered.get() >= before + 300);
        } finally {
            stop.set(true);
            for (Thread t : callers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        return load;
    }

    @Test
    @Timeout(90)
    void everyCallFailsClosedWithinABoundedTimeDuringAnOutageAndTheSpendIsExactAfterIt() throws Exception {
        FixedProvider provider = new FixedProvider();
        Load load = outageUnderLoad(capability(provider, true));

        assertThat(load.unexpected).isEmpty();
        assertThat(load.failedByStore.keySet()).contains("budget ledger").isSubsetOf("budget ledger", "rate limiter");
        assertThat(Duration.ofNanos(load.slowestNanos.get())).isLessThanOrEqualTo(BOUND);

        // every provider call had its budget reserved, and every answer was settled
        assertThat(provider.calls.get()).isGreaterThanOrEqualTo(load.answered.get());
        String budget = "tenant:acme:claims.tag:DAY:" + LocalDate.now(ZoneOffset.UTC);
        RedisBudgetLedger shared = new RedisBudgetLedger(redis.client, redis.prefix);
        // the failed operations are resolved in the background once Redis answers: reservations that reached it
        // late are given back, settles and releases that failed are sent again
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "0".equals(redis.client.hget(shared.budgetKey(budget), "reserved")));
        assertThat(shared.spent(budget)).isEqualTo(provider.calls.get() * TOKENS_PER_CALL);
        System.out.printf(
                "[redis outage] %d threads: %d calls answered, %d failed closed %s, slowest call %d ms; spent %d"
                        + " tokens = %d provider calls x %d, nothing left reserved%n",
                THREADS,
                load.answered.get(),
                load.failed(),
                load.failedByStore,
                TimeUnit.NANOSECONDS.toMillis(load.slowestNanos.get()),
                shared.spent(budget),
                provider.calls.get(),
                TOKENS_PER_CALL);
    }

    @Test
    @Timeout(90)
    void aRateLimitOnRedisFailsClosedNamingTheRateLimiterWithinABoundedTimeAndRecovers() throws Exception {
        FixedProvider provider = new FixedProvider();
        Load load = outageUnderLoad(capability(provider, false));

        assertThat(load.unexpected).isEmpty();
        assertThat(load.failedByStore.keySet()).containsExactly(RedisRateLimiter.STORE);
        assertThat(Duration.ofNanos(load.slowestNanos.get())).isLessThanOrEqualTo(BOUND);
        // no call was answered without its permit: with no ceiling, only a permit lets a call reach the provider
        assertThat(provider.calls.get()).isEqualTo(load.answered.get());
        System.out.printf(
                "[redis outage, rate limit] %d threads: %d calls answered, %d failed closed, slowest call %d ms%n",
                THREADS, load.answered.get(), load.failed(), TimeUnit.NANOSECONDS.toMillis(load.slowestNanos.get()));
    }
}
