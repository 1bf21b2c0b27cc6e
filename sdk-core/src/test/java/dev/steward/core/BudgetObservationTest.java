package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.steward.api.BudgetExceededException;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.budget.CountingBudgetLedger;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.spi.BudgetStatus;
import dev.steward.core.spi.BudgetStatus.Scope;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What observers hear of ceilings ({@code onBudget}) and of the instance's life ({@code onStart}, {@code onClose}). */
class BudgetObservationTest {

    /** Remembers each budget event with what was left, read while the event is told. */
    static final class Budgets implements StewardObserver {
        final List<BudgetStatus> seen = new CopyOnWriteArrayList<>();
        final List<Long> remaining = new CopyOnWriteArrayList<>();
        final List<String> principals = new CopyOnWriteArrayList<>();
        final List<String> lifecycle = new CopyOnWriteArrayList<>();

        @Override
        public void onBudget(CallContext call, BudgetStatus budget) {
            seen.add(budget);
            remaining.add(budget.remaining());
            principals.add(call.caller().principal());
        }

        @Override
        public void onStart(Steward steward) {
            lifecycle.add("start " + System.identityHashCode(steward));
        }

        @Override
        public void onClose(Steward steward) {
            lifecycle.add("close " + System.identityHashCode(steward));
        }
    }

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final CountingBudgetLedger ledger = new CountingBudgetLedger();

    // 30 tokens per call (10 in, 20 out); a call reserves its input estimate plus 40 output tokens
    private Steward steward(StewardObserver... observers) {
        Steward.Builder b = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.capability.claims.tag.max-output-tokens", "40",
                        "steward.price.m.input-per-1k", "1.00 USD",
                        "steward.price.m.output-per-1k", "1.00 USD")))
                .provider(new ScriptedProvider("p").model("m").answers("ok", "m", new TokenUsage(10, 20)))
                .tokenCounter(new CharacterCounter("m"))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"))
                .budgetLedger(ledger)
                .auditSink(audit);
        for (StewardObserver o : observers) {
            b.observer(o);
        }
        return b.build();
    }

    private static GovernedCapability tag(Steward steward, String perCall, String perUser, String perTenant) {
        return steward.capability(CapabilityDefinition.builder("claims.tag")
                .ceiling(new CapabilityDefinition.Ceiling(
                        perCall, perUser, perTenant, CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                .build());
    }

    @Test
    void reportsWhatEachCeilingLeavesAfterTheCallIsSettled() throws Exception {
        Budgets budgets = new Budgets();
        try (Steward steward = steward(budgets)) {
            GovernedCapability cap = tag(steward, "100 tokens", "1000 tokens", "0.50 USD");

            cap.invoke(Callers.ADJUSTER, new Object[0], null);
            cap.invoke(Callers.ADJUSTER, new Object[0], null);
        }

        assertThat(budgets.seen).hasSize(6).allSatisfy(b -> {
            assertThat(b.capability()).isEqualTo("claims.tag");
            assertThat(b.refused()).isFalse();
        });
        assertThat(budgets.seen.subList(3, 6))
                .extracting(BudgetStatus::scope, BudgetStatus::period, BudgetStatus::limit, BudgetStatus::currency)
                .containsExactly(
                        tuple(Scope.CALL, CostCeiling.Period.CALL, 100L, null),
                        tuple(Scope.USER, CostCeiling.Period.DAY, 1000L, null),
                        tuple(Scope.TENANT, CostCeiling.Period.DAY, 500_000L, "USD"));
        // per call: 100 - 30 tokens; per user: 1000 - 2 x 30 tokens; per tenant: 0.50 - 2 x 0.03 USD, in micro-units
        assertThat(budgets.remaining).containsExactly(70L, 970L, 470_000L, 70L, 940L, 440_000L);
        assertThat(budgets.principals).containsOnly("adjuster1");
    }

    @Test
    void reportsTheCeilingThatRefusedACallAndWhatItHasLeft() throws Exception {
        Budgets budgets = new Budgets();
        try (Steward steward = steward(budgets)) {
            // admits two calls of 30 tokens; the third's reservation (input plus 40) no longer fits in the 40 left
            GovernedCapability cap = tag(steward, "", "100 tokens", "");
            cap.invoke(Callers.ADJUSTER, new Object[0], null);
            cap.invoke(Callers.ADJUSTER, new Object[0], null);

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(BudgetExceededException.class);
        }

        assertThat(budgets.seen).extracting(BudgetStatus::refused).containsExactly(false, false, true);
        assertThat(budgets.seen).extracting(BudgetStatus::scope).containsOnly(Scope.USER);
        assertThat(budgets.remaining).containsExactly(70L, 40L, 40L);
    }

    @Test
    void reportsAPerCallCeilingThatRefusedWithItsWholeLimitLeft() throws Exception {
        Budgets budgets = new Budgets();
        try (Steward steward = steward(budgets)) {
            // admits the 40 output tokens a call reserves, not the prompt's input on top of them
            GovernedCapability cap = tag(steward, "40 tokens", "", "");

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(BudgetExceededException.class);
        }

        assertThat(budgets.seen).singleElement().satisfies(b -> {
            assertThat(b.scope()).isEqualTo(Scope.CALL);
            assertThat(b.refused()).isTrue();
            assertThat(b.isTokens()).isTrue();
        });
        assertThat(budgets.remaining).containsExactly(40L);
    }

    @Test
    void readsWhatIsLeftFromTheLedgerOnlyWhenAnObserverAsks() throws Exception {
        List<BudgetStatus> unread = new CopyOnWriteArrayList<>();
        StewardObserver counting = new StewardObserver() {
            @Override
            public void onBudget(CallContext call, BudgetStatus budget) {
                unread.add(budget);
            }
        };
        try (Steward steward = steward(counting)) {
            tag(steward, "", "1000 tokens", "1000 tokens").invoke(Callers.ADJUSTER, new Object[0], null);
        }

        assertThat(unread).hasSize(2);
        assertThat(ledger.spentReads()).hasValue(0);
        assertThat(unread.get(1).remaining()).isEqualTo(970L);
        assertThat(unread.get(1).remaining()).isEqualTo(970L);
        assertThat(ledger.spentReads()).hasValue(1);
    }

    @Test
    void anObserverThatThrowsOnABudgetNeitherStopsTheNextObserverNorChangesTheCall() throws Exception {
        StewardObserver broken = new StewardObserver() {
            @Override
            public void onBudget(CallContext call, BudgetStatus budget) {
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void onStart(Steward steward) {
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void onClose(Steward steward) {
                throw new IllegalStateException("metrics backend down");
            }
        };
        Budgets budgets = new Budgets();
        try (Steward steward = steward(broken, budgets)) {
            assertThat(tag(steward, "", "1000 tokens", "").invoke(Callers.ADJUSTER, new Object[0], null))
                    .isEqualTo("ok");
        }

        assertThat(budgets.remaining).containsExactly(970L);
        assertThat(budgets.lifecycle).hasSize(2);
        assertThat(audit.records())
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED));
    }

    @Test
    void toldOnceWhenTheInstanceIsBuiltAndOnceWhenItCloses() throws Exception {
        Budgets budgets = new Budgets();
        Steward steward = steward(budgets);
        String id = Integer.toString(System.identityHashCode(steward));

        assertThat(budgets.lifecycle).containsExactly("start " + id);

        steward.close();
        steward.close();

        assertThat(budgets.lifecycle).containsExactly("start " + id, "close " + id);
    }
}
