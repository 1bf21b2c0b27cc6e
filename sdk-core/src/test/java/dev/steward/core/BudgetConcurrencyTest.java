package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.BudgetExceededException;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.budget.InMemoryBudgetLedger;
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

class BudgetConcurrencyTest {

    private static final int THREADS = 64;
    private static final int CALLS_PER_THREAD = 1_000;

    @Test
    void concurrentCallsNeverOverspendATenantCeilingAndAdmitExactlyWhatFits() throws Exception {
        // The model's tokenizer counts the prompt "x" as 1 input token; with max-output-tokens 9 the estimate is 10
        // tokens, and the provider reports exactly that, so each admitted call settles 10 tokens.
        long ceiling = 5_005;
        long costPerCall = 10;
        InMemoryBudgetLedger ledger = new InMemoryBudgetLedger();
        InMemoryAuditSink audit = new InMemoryAuditSink(THREADS * CALLS_PER_THREAD + 10);
        ScriptedProvider provider = new ScriptedProvider("p").model("m").answers("ok", "m", new TokenUsage(1, 9));
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of("steward.capability.claims.tag.max-output-tokens", "9")))
                .provider(provider)
                .tokenCounter(new CharacterCounter("m"))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .budgetLedger(ledger)
                .auditSink(audit)
                .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.tag")
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", "", ceiling + " tokens", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                    .build());

            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        try {
                            cap.invoke(Callers.ADJUSTER, new Object[0], null);
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
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            String budget = "tenant:acme:claims.tag:DAY:" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(admitted.get()).isEqualTo((int) (ceiling / costPerCall));
            assertThat(ledger.spent(budget))
                    .isEqualTo(admitted.get() * costPerCall)
                    .isLessThanOrEqualTo(ceiling);
            assertThat(rejected.get()).isEqualTo(THREADS * CALLS_PER_THREAD - admitted.get());
            assertThat(provider.calls.get()).isEqualTo(admitted.get());
            assertThat(audit.records()).hasSize(THREADS * CALLS_PER_THREAD);
            assertThat(audit.records().stream().filter(r -> r.outcome() == Outcome.BUDGET_REJECTED))
                    .hasSize(rejected.get());
        }
    }

    @Test
    void moneyCeilingChargesThePriceTableAndRejectsOnceSpent() throws Exception {
        // 1 input + 9 output tokens at 1.00 USD per 1k each = 0.01 USD a call; 0.05 USD admits five calls.
        InMemoryAuditSink audit = new InMemoryAuditSink(100);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.capability.claims.tag.max-output-tokens", "9",
                        "steward.price.m.input-per-1k", "1.00 USD",
                        "steward.price.m.output-per-1k", "1.00 USD")))
                .provider(new ScriptedProvider("p").model("m").answers("ok", "m", new TokenUsage(1, 9)))
                .tokenCounter(new CharacterCounter("m"))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .auditSink(audit)
                .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.tag")
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", "0.05 USD", "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                    .build());
            for (int i = 0; i < 5; i++) {
                assertThat(cap.invoke(Callers.ADJUSTER, new Object[0], null)).isEqualTo("ok");
            }
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("adjuster1")
                    .hasMessageContaining("0.05 USD");
            // another user has a budget of their own
            assertThat(cap.invoke(Callers.ADJUSTER2, new Object[0], null)).isEqualTo("ok");
            assertThat(audit.records().get(0).cost().toString()).isEqualTo("0.01 USD");
        }
    }
}
