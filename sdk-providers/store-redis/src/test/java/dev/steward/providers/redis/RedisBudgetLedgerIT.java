package dev.steward.providers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.BudgetLedger.Reservation;
import dev.steward.core.budget.BudgetLedgerContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger contract, and what Redis adds to it, against the real local Redis. */
class RedisBudgetLedgerIT extends BudgetLedgerContract {

    private TestRedis redis;
    private RedisBudgetLedger ledger;

    @BeforeEach
    void connect() {
        redis = new TestRedis();
        ledger = new RedisBudgetLedger(redis.client, redis.prefix);
    }

    @AfterEach
    void deleteKeys() {
        // null when Redis was not there and the test was skipped
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected BudgetLedger ledger() {
        return ledger;
    }

    @Test
    void aSecondSettleIsRefusedAndCountsNothing() {
        Instant end = Instant.now().plus(Duration.ofHours(1));
        Reservation r = ledger.reserve("tenant:acme:cap:HOUR:x", 50, 100, end);
        ledger.settle(r, 40);
        assertThatThrownBy(() -> ledger.settle(r, 40)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.release(r)).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.spent("tenant:acme:cap:HOUR:x")).isEqualTo(40);
        assertThat(redis.client.hget(ledger.budgetKey("tenant:acme:cap:HOUR:x"), "reserved"))
                .isEqualTo("0");
    }

    @Test
    void everyKeyOfAWindowExpiresAtItsEndPlusTheMargin() {
        Instant end = Instant.now().plus(Duration.ofMinutes(10));
        Reservation open = ledger.reserve("b", 10, 100, end);
        ledger.settle(ledger.reserve("b", 10, 100, end), 10);

        long bound = Duration.between(Instant.now(), end.plus(RedisBudgetLedger.EXPIRY_MARGIN))
                .toMillis();
        assertThat(redis.keys()).hasSize(3);
        for (String key : redis.keys()) {
            assertThat(redis.client.pttl(key))
                    .as("time to live of %s", key)
                    .isPositive()
                    .isLessThanOrEqualTo(bound)
                    .isGreaterThan(bound - 60_000);
        }
        assertThat(redis.client.pttl(ledger.reservationKey("b", open.id()))).isPositive();
    }

    @Test
    void aWindowsKeysVanishByThemselvesAndTheNextWindowStartsEmpty() {
        RedisBudgetLedger noMargin = new RedisBudgetLedger(redis.client, redis.prefix, Duration.ZERO);
        Instant end = Instant.now().plusMillis(300);
        noMargin.settle(noMargin.reserve("b", 100, 100, end), 100);
        Reservation held = noMargin.reserve("c", 100, 100, end);
        assertThat(noMargin.reserve("b", 1, 100, end)).isNull();

        await().atMost(Duration.ofSeconds(5)).until(() -> redis.keyCount() == 0);
        assertThat(noMargin.spent("b")).isZero();
        // settling a reservation whose window is gone changes nothing and leaves no key without an expiry behind
        noMargin.settle(held, 100);
        assertThat(redis.keyCount()).isZero();
        assertThat(noMargin.reserve("b", 100, 100, Instant.now().plusSeconds(60)))
                .isNotNull();
    }

    @Test
    void reservesAgainAfterTheServerForgetsItsScripts() {
        Instant end = Instant.now().plus(Duration.ofHours(1));
        Reservation first = ledger.reserve("b", 10, 100, end);
        redis.client.scriptFlush();
        ledger.settle(first, 10);
        redis.client.scriptFlush();
        assertThat(ledger.reserve("b", 90, 100, end)).isNotNull();
        assertThat(ledger.spent("b")).isEqualTo(10);
    }

    @Test
    void aBudgetWithoutAnEndKeepsItsKeys() {
        ledger.reserve("forever", 1, 10, Instant.MAX);
        assertThat(redis.client.pttl(ledger.budgetKey("forever"))).isEqualTo(-1);
    }
}
