package dev.steward.providers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.BudgetExceededException;
import dev.steward.api.CallerContext;
import dev.steward.api.RateLimitedException;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Steward instances, as two JVMs of one application would be, sharing one Redis through configuration alone:
 * their budgets and rate limits count together.
 */
class RedisStewardClusterIT {

    private static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "c-1");
    private static final int THREADS = 64;

    private TestRedis redis;
    private final List<Steward> stewards = new ArrayList<>();

    @BeforeEach
    void connect() {
        redis = new TestRedis();
    }

    @AfterEach
    void closeAndDeleteKeys() throws Exception {
        for (Steward s : stewards) {
            s.close();
        }
        // null when Redis was not there and the test was skipped
        if (redis != null) {
            redis.close();
        }
    }

    private GovernedCapability instance(FixedProvider provider, Map<String, String> extra, CapabilityDefinition cap) {
        Map<String, String> config = new HashMap<>(Map.of(
                "steward.budget.ledger", "redis",
                "steward.rate-limit.store", "redis",
                "steward.store.redis.url", redis.url,
                "steward.store.redis.key-prefix", redis.prefix,
                "steward.store.redis.pool-size", "32",
                "steward.audit.sink", "memory",
                "steward.audit.capacity", "100000",
                "steward.capability.claims.tag.max-output-tokens", "9"));
        config.putAll(extra);
        Steward steward = Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .tokenCounter(FixedProvider.COUNTER)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .build();
        stewards.add(steward);
        return steward.capability(cap);
    }

    @Test
    void concurrentCallsThroughTwoInstancesNeverOverspendOneCeilingAndAdmitExactlyWhatFits() throws Exception {
        long ceiling = 5_005;
        long costPerCall = 10;
        int callsPerThread = 250;
        CapabilityDefinition definition = CapabilityDefinition.builder("claims.tag")
                .ceiling(new CapabilityDefinition.Ceiling(
                        "", "", ceiling + " tokens", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                .build();
        FixedProvider providerA = new FixedProvider();
        FixedProvider providerB = new FixedProvider();
        List<GovernedCapability> instances =
                List.of(instance(providerA, Map.of(), definition), instance(providerB, Map.of(), definition));

        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            GovernedCapability cap = instances.get(t % 2);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < callsPerThread; i++) {
                    try {
                        cap.invoke(ADJUSTER, new Object[0], null);
                        admitted.incrementAndGet();
                    } catch (BudgetExceededException e) {
                        rejected.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        String budget = "tenant:acme:claims.tag:DAY:" + LocalDate.now(ZoneOffset.UTC);
        RedisBudgetLedger shared = new RedisBudgetLedger(redis.client, redis.prefix);
        assertThat(admitted.get()).isEqualTo((int) (ceiling / costPerCall));
        assertThat(shared.spent(budget)).isEqualTo(admitted.get() * costPerCall).isLessThanOrEqualTo(ceiling);
        assertThat(redis.client.hget(shared.budgetKey(budget), "reserved")).isEqualTo("0");
        assertThat(rejected.get()).isEqualTo(THREADS * callsPerThread - admitted.get());
        assertThat(providerA.calls.get() + providerB.calls.get()).isEqualTo(admitted.get());
        // both instances admitted some: the ceiling really was shared, not enforced by one instance alone
        assertThat(providerA.calls.get()).isPositive();
        assertThat(providerB.calls.get()).isPositive();
    }

    @Test
    void aRateLimitOfNPermitsHoldsAcrossInstancesAndRefusesTheNextCall() {
        Map<String, String> limit = Map.of(
                "steward.capability.claims.tag.rate-limit.permits", "5",
                "steward.capability.claims.tag.rate-limit.period", "1h");
        CapabilityDefinition definition =
                CapabilityDefinition.builder("claims.tag").build();
        GovernedCapability a = instance(new FixedProvider(), limit, definition);
        GovernedCapability b = instance(new FixedProvider(), limit, definition);

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? a : b).invoke(ADJUSTER, new Object[0], null))
                    .isEqualTo("ok");
        }
        assertThatThrownBy(() -> b.invoke(ADJUSTER, new Object[0], null))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(12)))
                .hasMessageContaining("adjuster1");
        assertThatThrownBy(() -> a.invoke(ADJUSTER, new Object[0], null)).isInstanceOf(RateLimitedException.class);
        // another user has permits of their own
        CallerContext other = new CallerContext("adjuster2", Set.of("adjuster"), "acme", "c-2");
        assertThat(a.invoke(other, new Object[0], null)).isEqualTo("ok");
    }

    @Test
    void concurrentCallsThroughTwoInstancesGetExactlyThePermitsOfThePeriod() throws Exception {
        int permits = 100;
        Map<String, String> limit = Map.of(
                "steward.capability.claims.tag.rate-limit.permits",
                Integer.toString(permits),
                "steward.capability.claims.tag.rate-limit.period",
                "1h");
        CapabilityDefinition definition =
                CapabilityDefinition.builder("claims.tag").build();
        List<GovernedCapability> instances = List.of(
                instance(new FixedProvider(), limit, definition), instance(new FixedProvider(), limit, definition));

        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            GovernedCapability cap = instances.get(t % 2);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    try {
                        cap.invoke(ADJUSTER, new Object[0], null);
                        admitted.incrementAndGet();
                    } catch (RateLimitedException e) {
                        limited.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        // 640 calls within well under the 36 s that one more permit takes to refill
        assertThat(admitted.get()).isEqualTo(permits);
        assertThat(limited.get()).isEqualTo(THREADS * 10 - permits);
    }
}
