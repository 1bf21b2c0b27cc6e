package dev.steward.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    /** A random number of 0.5 puts the spread at zero, so the wait is the bare backoff. */
    private static final double MIDDLE = 0.5;

    private static final double JUST_BELOW_ONE = Math.nextDown(1.0);

    private final RetryPolicy defaults = ProviderPolicy.read(new ConfigReader(ConfigValues.of(Map.of())), "p")
            .retry();

    @Test
    void defaultsAreOneTry200MillisecondsDoubledUpToFiveSecondsWithOneFifthJitter() {
        assertThat(defaults).isEqualTo(new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    }

    @Test
    void doublesTheBackoffPerRetryUpToMaxBackoff() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(5), 0);

        assertThat(policy.delay(1, 0.9, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(2, 0.9, null)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delay(3, 0.9, null)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delay(4, 0.9, null)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.delay(5, 0.9, null)).isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.delay(6, 0.9, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(7, 0.9, null)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLateRetryDoesNotOverflowPastMaxBackoff() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofDays(1000), Duration.ofSeconds(5), 0);

        assertThat(policy.delay(99, MIDDLE, null)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterSpreadsTheWaitUniformlyWithinPlusOrMinusItsFraction() {
        assertThat(defaults.delay(1, 0.0, null)).isEqualTo(Duration.ofMillis(160));
        assertThat(defaults.delay(1, MIDDLE, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.delay(1, 0.75, null)).isEqualTo(Duration.ofMillis(220));
        assertThat(defaults.delay(1, JUST_BELOW_ONE, null))
                .isLessThan(Duration.ofMillis(240))
                .isGreaterThan(Duration.ofMillis(239));
    }

    @Test
    void jitterMayTakeTheWaitAboveMaxBackoffByItsFraction() {
        // max-backoff caps the wait before the spread: 5 s with 0.2 jitter lies in [4 s, 6 s)
        assertThat(defaults.delay(20, 0.0, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.delay(20, JUST_BELOW_ONE, null))
                .isGreaterThan(Duration.ofMillis(5999))
                .isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void retryAfterWinsWhenLongerThanTheBackoff() {
        assertThat(defaults.delay(1, JUST_BELOW_ONE, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterIsNotSpreadByJitter() {
        assertThat(defaults.delay(1, 0.0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aShorterRetryAfterDoesNotShortenTheBackoff() {
        assertThat(defaults.delay(3, MIDDLE, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void retryAfterIsHonouredOnlyUpToMaxBackoff() {
        assertThat(defaults.delay(1, MIDDLE, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theWaitIsNeverNegative() {
        RetryPolicy fullJitter = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 1);

        assertThat(fullJitter.delay(1, 0.0, null)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.1, Double.NaN})
    void rejectsJitterOutsideZeroToOne(double jitter) {
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(5), jitter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter must be in [0, 1]");
    }

    @Test
    void rejectsFewerThanOneAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(200), Duration.ofSeconds(5), 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts must be at least 1, was 0");
    }
}
