package dev.steward.providers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token bucket in Redis, against the real local Redis. */
class RedisRateLimiterIT {

    private TestRedis redis;
    private RedisRateLimiter limiter;

    @BeforeEach
    void connect() {
        redis = new TestRedis();
        limiter = new RedisRateLimiter(redis.client, redis.prefix);
    }

    @AfterEach
    void deleteKeys() {
        // null when Redis was not there and the test was skipped
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void grantsThePermitsOfAPeriodThenSaysHowLongUntilTheNext() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("cap:ann", 3, Duration.ofHours(1))).isZero();
        }
        assertThat(limiter.tryAcquire("cap:ann", 3, Duration.ofHours(1)))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(20))
                .isGreaterThan(Duration.ofMinutes(19));
        assertThat(limiter.tryAcquire("cap:bob", 3, Duration.ofHours(1))).isZero();
    }

    @Test
    void aBucketRefillsWithTime() {
        Duration period = Duration.ofMillis(400);
        assertThat(limiter.tryAcquire("k", 2, period)).isZero();
        assertThat(limiter.tryAcquire("k", 2, period)).isZero();
        assertThat(limiter.tryAcquire("k", 2, period)).isPositive();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> limiter.tryAcquire("k", 2, period).isZero());
    }

    @Test
    void aBucketExpiresByItselfOnePeriodAfterItsLastUse() {
        limiter.tryAcquire("k", 5, Duration.ofMinutes(1));
        assertThat(redis.client.pttl(limiter.bucketKey("k")))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(1).toMillis());
    }

    @Test
    void reachesTheServerAfterItForgetsItsScripts() {
        limiter.tryAcquire("k", 1, Duration.ofHours(1));
        redis.client.scriptFlush();
        assertThat(limiter.tryAcquire("k", 1, Duration.ofHours(1))).isPositive();
    }

    @Test
    void rejectsARateThatIsNotPositive() {
        assertThatThrownBy(() -> limiter.tryAcquire("k", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryAcquire("k", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
