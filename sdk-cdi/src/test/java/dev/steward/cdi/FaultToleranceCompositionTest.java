package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.Outcome;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.cdi.support.AuditEvents;
import dev.steward.cdi.support.ResilientClaims;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.faulttolerance.FaultToleranceExtension;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Steward runs inside MicroProfile Fault Tolerance (SmallRye Fault Tolerance under Weld): Fault Tolerance wraps the
 * whole governed call, each attempt is one governed call audited once, and nothing is retried twice.
 */
@EnableWeld
class FaultToleranceCompositionTest {

    private final TestConfig config = TestConfig.install(Map.of(
            "steward.audit.sink", "memory",
            "steward.route.default.providers", TestProvider.NAME,
            "steward.provider.test.circuit-breaker.failure-threshold", "0"));

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new ConfigExtension())
                    .addExtension(new FaultToleranceExtension())
                    .addExtension(new StewardExtension())
                    .addBeanClasses(
                            ResilientClaims.class, TestProvider.class, TestSecurityContext.class, AuditEvents.class))
            .build();

    @Inject
    ResilientClaims claims;

    @Inject
    TestProvider provider;

    @Inject
    TestSecurityContext security;

    @Inject
    AuditEvents events;

    @BeforeEach
    void login() {
        security.login("adjuster1", "adjuster");
    }

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void retryRepeatsTheWholeGovernedCallAndAuditsEachAttemptOnce() {
        AtomicInteger calls = new AtomicInteger();
        provider.answerWith(r -> {
            if (calls.incrementAndGet() <= 2) {
                throw ProviderException.retriable(TestProvider.NAME, "overloaded", null);
            }
            return InferenceResponse.of("third time lucky", "test-model", new TokenUsage(3, 3));
        });

        assertThat(claims.retried("C-1")).isEqualTo("third time lucky");

        assertThat(provider.requests()).hasSize(3);
        assertThat(events.sync())
                .extracting(AuditRecord::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(events.sync()).allSatisfy(r -> assertThat(r.attempts()).hasSize(1));
    }

    @Test
    void faultToleranceFallbackAnswersAfterTheGovernedCallFailedAndAudited() {
        provider.answerWith(r -> {
            throw ProviderException.permanent(TestProvider.NAME, "model offline", null);
        });

        assertThat(claims.withFallback("C-2")).isEqualTo("canned answer for C-2");

        assertThat(provider.requests()).hasSize(1);
        assertThat(events.sync())
                .singleElement()
                .extracting(AuditRecord::outcome)
                .isEqualTo(Outcome.FAILED);
    }

    @Test
    void openCircuitBreakerRejectsCallsBeforeTheyReachStewardOrTheModel() {
        provider.answerWith(r -> {
            throw ProviderException.permanent(TestProvider.NAME, "model offline", null);
        });
        assertThatThrownBy(() -> claims.guarded("C-3")).isInstanceOf(InferenceUnavailableException.class);
        assertThatThrownBy(() -> claims.guarded("C-3")).isInstanceOf(InferenceUnavailableException.class);

        assertThatThrownBy(() -> claims.guarded("C-3")).isInstanceOf(CircuitBreakerOpenException.class);

        assertThat(provider.requests()).hasSize(2);
        assertThat(events.sync()).hasSize(2);
    }

    @Test
    void timeoutInterruptsASlowGovernedCall() {
        CountDownLatch never = new CountDownLatch(1);
        provider.answerWith(r -> {
            try {
                never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw ProviderException.retriable(TestProvider.NAME, "interrupted", null);
        });

        assertThatThrownBy(() -> claims.bounded("C-4")).isInstanceOf(TimeoutException.class);
        never.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.sync().size() == 1);
        assertThat(events.sync().get(0).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void bulkheadRejectsASecondConcurrentGovernedCallBeforeItReachesTheModel() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        provider.answerWith(r -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return InferenceResponse.of("done", "test-model", new TokenUsage(1, 1));
        });
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> weld.select(ResilientClaims.class).get().isolated("C-5"));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> claims.isolated("C-6")).isInstanceOf(BulkheadException.class);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(provider.requests()).hasSize(1);
    }
}
