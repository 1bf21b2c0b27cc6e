package dev.steward.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(nanos::get);

    @Test
    void grantsThePermitsOfAPeriodThenSaysHowLongToWait() {
        Duration minute = Duration.ofMinutes(1);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("cap:ann", 3, minute)).isZero();
        }
        assertThat(limiter.tryAcquire("cap:ann", 3, minute)).isEqualTo(Duration.ofSeconds(20));
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(limiter.tryAcquire("cap:ann", 3, minute)).isZero();
    }

    @Test
    void keysAndRatesHaveBucketsOfTheirOwn() {
        assertThat(limiter.tryAcquire("cap:ann", 1, Duration.ofHours(1))).isZero();
        assertThat(limiter.tryAcquire("cap:ann", 1, Duration.ofHours(1))).isPositive();
        assertThat(limiter.tryAcquire("cap:bob", 1, Duration.ofHours(1))).isZero();
        assertThat(limiter.tryAcquire("other:ann", 2, Duration.ofHours(1))).isZero();
    }

    @Test
    void rejectsARateThatIsNotPositive() {
        assertThatThrownBy(() -> limiter.tryAcquire("k", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryAcquire("k", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
