package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.core.budget.InputTokenBound;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdversarialCeilingTest {

    private static final int THREADS = 64;
    private static final int CALLS_PER_THREAD = 20;
    private static final long CEILING = 40_000;
    private static final int MAX_OUTPUT = 120;

    /** Texts whose token count a four-characters-a-token guess undercounts badly. */
    static final List<String> ADVERSARIAL = List.of(
            "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(18),
            "保险索赔需要审核，请在三个工作日内回复。".repeat(12),
            "🚗💥🏥📄✅❌🔁".repeat(30),
            "4111111111111111 9780306406157 3141592653589793 ".repeat(12),
            "x".repeat(900));

    /**
     * The worst an honest byte-level tokenizer can do: one token per UTF-8 byte, a few tokens of chat format, and
     * the full output cap.
     */
    private static InferenceResponse worstHonestUsage(dev.steward.api.InferenceRequest r) {
        long input = r.messages().stream()
                        .mapToLong(m -> InputTokenBound.utf8Length(m.content()) + 4)
                        .sum()
                + 3;
        return InferenceResponse.of("ok", "m", new TokenUsage(input, r.maxOutputTokens()));
    }

    @Test
    void aPerUserCeilingHoldsUnder64ThreadsSendingAdversarialTexts() throws Exception {
        InMemoryBudgetLedger ledger = new InMemoryBudgetLedger();
        InMemoryAuditSink audit = new InMemoryAuditSink(THREADS * CALLS_PER_THREAD + 10);
        ScriptedProvider provider = new ScriptedProvider("p").behaves(AdversarialCeilingTest::worstHonestUsage);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(
                        Map.of("steward.capability.claims.letter.max-output-tokens", String.valueOf(MAX_OUTPUT))))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.letter", "v1", "Letter: {{text}}"))
                .budgetLedger(ledger)
                .auditSink(audit)
                .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.letter")
                    .parameterNames(List.of("text"))
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", CEILING + " tokens", "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                    .build());

            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        String text = ADVERSARIAL.get((thread + i) % ADVERSARIAL.size());
                        try {
                            cap.invoke(Callers.ADJUSTER, new Object[] {text}, null);
                            admitted.incrementAndGet();
                        } catch (BudgetExceededException e) {
                            refused.incrementAndGet();
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

            String budget = "user:adjuster1:claims.letter:DAY:" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            long charged = audit.records().stream()
                    .filter(r -> r.outcome() == Outcome.SUCCEEDED)
                    .mapToLong(r -> r.usage().totalTokens())
                    .sum();
            assertThat(ledger.spent(budget)).isEqualTo(charged).isLessThanOrEqualTo(CEILING);
            // the ceiling was reached: the test exercised refusals, not just a roomy budget
            assertThat(refused.get()).isPositive();
            assertThat(admitted.get()).isPositive();
            assertThat(audit.records()).noneMatch(r -> r.tags().containsKey("steward.overrun.reservation-tokens"));
        }
    }

    @Test
    void theOldFourCharactersATokenGuessWouldHaveUndercountedTheseTexts() {
        for (String text : ADVERSARIAL) {
            long guess = (text.length() + 3) / 4;
            long worst = InputTokenBound.utf8Length(text);
            assertThat(guess).as(text).isLessThan(worst);
            assertThat(InputTokenBound.of(
                            List.of(new dev.steward.api.ChatMessage(dev.steward.api.ChatMessage.Role.USER, text))))
                    .isGreaterThanOrEqualTo(worst + 4 + 3);
        }
    }

    @Test
    void aProviderThatOverrunsTheOutputCapIsChargedAsReportedAndTheOverrunIsAudited() throws Exception {
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        ScriptedProvider provider = new ScriptedProvider("p").answers("long letter", "m", new TokenUsage(10, 497));
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of("steward.capability.claims.letter.max-output-tokens", "120")))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.letter", "v1", "Letter"))
                .auditSink(audit)
                .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.letter")
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", "10000 tokens", "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                    .build());

            cap.invoke(Callers.ADJUSTER, new Object[0], null);

            assertThat(provider.lastRequest.get().maxOutputTokens()).isEqualTo(120);
            AuditRecord record = audit.records().get(0);
            assertThat(record.usage().outputTokens()).isEqualTo(497);
            assertThat(record.tags())
                    .containsEntry("steward.overrun.output-tokens", "377")
                    .containsKey("steward.overrun.reservation-tokens");
            assertThat(record.reason()).contains("497 output tokens, over the cap of 120");
        }
    }
}
