package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Attempt;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.Outcome;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.route.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteFallbackTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final InMemoryAuditSink audit = new InMemoryAuditSink(1000);
    private final ScriptedProvider a = new ScriptedProvider("a");
    private final ScriptedProvider b = new ScriptedProvider("b");
    private final List<Duration> sleeps = new ArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private Steward steward;

    private GovernedCapability capability(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "steward.route.default.providers", "a,b",
                "steward.provider.a.timeout", "200ms",
                "steward.provider.a.retry.max-attempts", "2",
                "steward.provider.a.retry.backoff", "100ms",
                "steward.provider.a.circuit-breaker.failure-threshold", "4",
                "steward.provider.a.circuit-breaker.open-duration", "30s"));
        config.putAll(extra);
        steward = Steward.builder()
                .config(ConfigValues.of(config))
                .provider(a)
                .provider(b)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize: {{text}}"))
                .auditSink(audit)
                .clock(clock)
                .sleeper(sleeps::add)
                .build();
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .parameterNames(List.of("text"))
                .build());
    }

    @AfterEach
    void close() throws Exception {
        never.countDown();
        steward.close();
    }

    private AuditRecord lastRecord() {
        List<AuditRecord> records = audit.records();
        return records.get(records.size() - 1);
    }

    @Test
    void fallsBackToTheNextProviderAfterRetriesAndAuditsEveryAttempt() {
        GovernedCapability cap = capability(Map.of());
        a.fails(true);

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"a claim"}, null)).isEqualTo("answer from b");

        AuditRecord r = lastRecord();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.provider()).isEqualTo("b");
        assertThat(r.model()).isEqualTo("model-b");
        assertThat(r.attempts())
                .extracting(Attempt::provider, Attempt::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Attempt.Result.RETRIABLE_FAILURE),
                        org.assertj.core.groups.Tuple.tuple("a", Attempt.Result.RETRIABLE_FAILURE),
                        org.assertj.core.groups.Tuple.tuple("b", Attempt.Result.SUCCEEDED));
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(80), Duration.ofMillis(120));
    }

    @Test
    void aNonRetriableFailureMovesOnWithoutRetrying() {
        GovernedCapability cap = capability(Map.of());
        a.fails(false);

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"a claim"}, null)).isEqualTo("answer from b");
        assertThat(a.calls.get()).isEqualTo(1);
        assertThat(lastRecord().attempts())
                .extracting(Attempt::result)
                .containsExactly(Attempt.Result.FAILED, Attempt.Result.SUCCEEDED);
    }

    @Test
    void aProviderThatTimesOutIsAbandonedForTheNext() {
        GovernedCapability cap = capability(Map.of("steward.provider.a.retry.max-attempts", "1"));
        a.hangs(never);

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"a claim"}, null)).isEqualTo("answer from b");
        assertThat(lastRecord().attempts())
                .extracting(Attempt::provider, Attempt::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Attempt.Result.TIMED_OUT),
                        org.assertj.core.groups.Tuple.tuple("b", Attempt.Result.SUCCEEDED));
    }

    @Test
    void aTimeoutLeavesNoInterruptOnTheCallerAndDiscardsALateAnswer() {
        GovernedCapability cap =
                capability(Map.of("steward.provider.a.retry.max-attempts", "1", "steward.provider.a.timeout", "100ms"));
        // a provider that ignores interruption, like native code, and answers after its deadline
        a.behaves(r -> {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return dev.steward.api.InferenceResponse.of("late", "model-a", new dev.steward.api.TokenUsage(1, 1));
        });

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"a claim"}, null)).isEqualTo("answer from b");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(lastRecord().attempts())
                .extracting(Attempt::result)
                .containsExactly(Attempt.Result.TIMED_OUT, Attempt.Result.SUCCEEDED);

        a.answers("quick", "model-a", new dev.steward.api.TokenUsage(1, 1));
        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"again"}, null)).isEqualTo("quick");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void circuitOpensAfterTheThresholdSkipsTheProviderAndProbesAfterItsOpenDuration() {
        GovernedCapability cap = capability(Map.of());
        a.fails(true);
        cap.invoke(Callers.ADJUSTER, new Object[] {"1"}, null); // failures 1, 2
        cap.invoke(Callers.ADJUSTER, new Object[] {"2"}, null); // failures 3, 4: opens
        CircuitBreaker breaker = steward.circuitBreakers().get("a");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = a.calls.get();

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"3"}, null)).isEqualTo("answer from b");
        assertThat(a.calls.get()).isEqualTo(callsWhenOpened);
        assertThat(lastRecord().attempts())
                .extracting(Attempt::result)
                .startsWith(Attempt.Result.SKIPPED_CIRCUIT_OPEN)
                .endsWith(Attempt.Result.SUCCEEDED);

        clock.advance(Duration.ofSeconds(29));
        cap.invoke(Callers.ADJUSTER, new Object[] {"4"}, null);
        assertThat(a.calls.get()).isEqualTo(callsWhenOpened);

        clock.advance(Duration.ofSeconds(2));
        a.answers("a is back", "model-a", new dev.steward.api.TokenUsage(1, 1));
        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"5"}, null)).isEqualTo("a is back");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterEveryProviderFailsTheFallbackAnswersAndTheRecordSaysWhy() {
        GovernedCapability cap = capability(Map.of());
        a.fails(false);
        b.fails(false);

        String answer =
                cap.invoke(Callers.ADJUSTER, new Object[] {"a claim"}, (args, cause) -> "extractive: " + args[0]);

        assertThat(answer).isEqualTo("extractive: a claim");
        AuditRecord r = lastRecord();
        assertThat(r.outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(r.reason())
                .contains("no provider of route 'default' answered")
                .contains("HTTP 400");
        assertThat(r.attempts()).hasSize(2);
    }

    @Test
    void aDisabledProviderIsLeftOutOfTheRouteAndWithAllDisabledTheFallbackSaysSo() throws Exception {
        GovernedCapability cap = capability(Map.of("steward.provider.a.enabled", "false"));
        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"x"}, null)).isEqualTo("answer from b");
        assertThat(a.calls.get()).isZero();
        steward.close();

        GovernedCapability none =
                capability(Map.of("steward.provider.a.enabled", "false", "steward.provider.b.enabled", "false"));
        dev.steward.api.Answer answer = none.answer(Callers.ADJUSTER, new Object[] {"x"}, (args, cause) -> "local");
        assertThat(answer.text()).isEqualTo("local");
        assertThat(answer.degraded()).isTrue();
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(lastRecord().reason()).contains("disabled");
    }

    @Test
    void withoutAFallbackTheCallerGetsATypedFailureListingTheAttempts() {
        GovernedCapability cap = capability(Map.of());
        a.fails(false);
        b.fails(true);

        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"a claim"}, null))
                .isInstanceOfSatisfying(InferenceUnavailableException.class, e -> {
                    assertThat(e.capability()).isEqualTo("claims.summarize");
                    assertThat(e.attempts()).extracting(Attempt::provider).containsExactly("a", "b");
                });
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aProviderBreakingTheContractWithAnotherExceptionStillYieldsATypedFailure() {
        GovernedCapability cap = capability(Map.of("steward.route.default.providers", "a"));
        a.behaves(r -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"x"}, null))
                .isInstanceOf(InferenceUnavailableException.class)
                .hasMessageContaining("boom");
    }
}
