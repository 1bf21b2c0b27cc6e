package dev.steward.providers.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.spi.StoreFactory;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.route.ConfiguredProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rough figure, printed: reservations (each one atomic script round trip) per second through the backend's pool,
 * with 1 and 64 threads against one budget. Not a benchmark; it checks only that every reservation was counted.
 */
class RedisLedgerThroughputIT {

    private TestRedis redis;
    private StoreFactory.Stores stores;

    @BeforeEach
    void open() {
        redis = new TestRedis();
        stores = new RedisStoreFactory()
                .open(new StoreFactory.Context(
                        ConfiguredProviderSettings.ofStore(
                                "redis",
                                new ConfigReader(ConfigValues.of(Map.of(
                                        "steward.store.redis.url", redis.url,
                                        "steward.store.redis.key-prefix", redis.prefix,
                                        "steward.store.redis.pool-size", "64")))),
                        Duration.ofSeconds(5),
                        Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        // null when Redis was not there and the test was skipped
        if (stores != null) {
            stores.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void printsReservationsPerSecondWithOneAnd64Threads() throws Exception {
        for (int threads : new int[] {1, 64}) {
            int perThread = threads == 1 ? 20_000 : 1_000;
            double perSecond = measure(threads, perThread, "throughput-" + threads);
            System.out.printf("Redis ledger: %,.0f reservations/s with %d thread(s)%n", perSecond, threads);
        }
    }

    private double measure(int threads, int perThread, String budget) throws Exception {
        var ledger = stores.budgetLedger().orElseThrow();
        Instant end = Instant.now().plus(Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    assertThat(ledger.reserve(budget, 1, Long.MAX_VALUE / 2, end))
                            .isNotNull();
                }
                return null;
            }));
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        long elapsed = System.nanoTime() - begin;
        pool.shutdown();
        long total = (long) threads * perThread;
        assertThat(redis.client.hget(redis.prefix + "budget:{" + budget + "}", "reserved"))
                .isEqualTo(Long.toString(total));
        return total / (elapsed / 1e9);
    }
}
