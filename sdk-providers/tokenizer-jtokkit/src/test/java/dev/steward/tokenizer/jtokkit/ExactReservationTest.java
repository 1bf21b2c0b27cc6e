package dev.steward.tokenizer.jtokkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.budget.CountingBudgetLedger;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.core.budget.InputTokenBound;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The counter inside a real pipeline: found by ServiceLoader, it makes the reservation exact. */
class ExactReservationTest {

    private static final String PROMPT = "请总结这份保险索赔。";
    private static final int MAX_OUTPUT_TOKENS = 10;
    private static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "c-1");

    /** o200k_base: 8 content tokens + 4 framing + 1 for "user" + 3 reply priming. */
    private static final long EXACT_INPUT = 16;

    @Test
    void theFixtureSeparatesTheExactCountFromTheByteBound() {
        List<ChatMessage> messages = List.of(new ChatMessage(ChatMessage.Role.USER, PROMPT));
        assertThat(Encodings.newLazyEncodingRegistry()
                        .getEncoding(EncodingType.O200K_BASE)
                        .countTokensOrdinary(PROMPT))
                .isEqualTo(8);
        // 30 UTF-8 bytes + 16 per message + 16 per request
        assertThat(InputTokenBound.of(messages)).isEqualTo(62);
    }

    @Test
    void aPerCallCeilingThatOnlyTheExactCountFitsAdmitsTheCall() throws Exception {
        Provider provider = new Provider("gpt-4o-mini");
        try (Steward steward = steward(provider, new InMemoryBudgetLedger())) {
            GovernedCapability cap = capability(steward, (EXACT_INPUT + MAX_OUTPUT_TOKENS) + " tokens", "");
            assertThat(cap.invoke(ADJUSTER, new Object[0], null)).isEqualTo("ok");
            assertThat(provider.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aPerCallCeilingOneTokenBelowTheExactEstimateRefusesTheCall() throws Exception {
        Provider provider = new Provider("gpt-4o-mini");
        try (Steward steward = steward(provider, new InMemoryBudgetLedger())) {
            GovernedCapability cap = capability(steward, (EXACT_INPUT + MAX_OUTPUT_TOKENS - 1) + " tokens", "");
            assertThatThrownBy(() -> cap.invoke(ADJUSTER, new Object[0], null))
                    .isInstanceOf(BudgetExceededException.class);
            assertThat(provider.calls.get()).isZero();
        }
    }

    @Test
    void withoutAKnownModelTheSameCeilingRefusesTheCallOnTheByteBound() throws Exception {
        Provider provider = new Provider("a-model-no-counter-knows");
        try (Steward steward = steward(provider, new InMemoryBudgetLedger())) {
            GovernedCapability cap = capability(steward, (EXACT_INPUT + MAX_OUTPUT_TOKENS) + " tokens", "");
            assertThatThrownBy(() -> cap.invoke(ADJUSTER, new Object[0], null))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining(Long.toString(62 + MAX_OUTPUT_TOKENS));
            assertThat(provider.calls.get()).isZero();
        }
    }

    @Test
    void aTenantReservationIsTheExactCountPlusTheOutputCap() throws Exception {
        CountingBudgetLedger ledger = new CountingBudgetLedger();
        try (Steward steward = steward(new Provider("openai/gpt-4o-mini"), ledger)) {
            GovernedCapability cap = capability(steward, "", "1000 tokens");
            assertThat(cap.invoke(ADJUSTER, new Object[0], null)).isEqualTo("ok");
        }
        assertThat(ledger.reserved()).containsExactly(EXACT_INPUT + MAX_OUTPUT_TOKENS);
    }

    private static Steward steward(Provider provider, BudgetLedger ledger) {
        // no .tokenCounter(...): the counter must come from META-INF/services
        return Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.capability.claims.summarize.max-output-tokens", Integer.toString(MAX_OUTPUT_TOKENS))))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", PROMPT))
                .budgetLedger(ledger)
                .auditSink(new InMemoryAuditSink(100))
                .build();
    }

    private static GovernedCapability capability(Steward steward, String perCall, String perTenant) {
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .ceiling(new CapabilityDefinition.Ceiling(
                        perCall, "", perTenant, CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                .build());
    }

    /** A provider configured with a model, reporting exactly what was reserved. */
    private static final class Provider implements InferenceProvider {
        private final String model;
        final AtomicInteger calls = new AtomicInteger();

        Provider(String model) {
            this.model = model;
        }

        @Override
        public String name() {
            return "openai";
        }

        @Override
        public Optional<String> model() {
            return Optional.of(model);
        }

        @Override
        public InferenceResponse infer(InferenceRequest request) {
            calls.incrementAndGet();
            return InferenceResponse.of("ok", model, new TokenUsage(EXACT_INPUT, MAX_OUTPUT_TOKENS));
        }
    }
}
