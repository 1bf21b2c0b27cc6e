package dev.steward.providers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("30", clock)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsAnHttpDateAgainstTheClock() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:01:30 GMT", clock)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void treatsADateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("later", clock)).isNull();
        assertThat(RetryAfter.parse("-5", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }
}
