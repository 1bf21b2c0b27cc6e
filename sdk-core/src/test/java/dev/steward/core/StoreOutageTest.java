package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.Outcome;
import dev.steward.api.StoreUnavailableException;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A ledger or approval store that cannot be reached fails the call closed with a typed, retriable exception. */
class StoreOutageTest {

    private final InMemoryAuditSink audit = new InMemoryAuditSink(10);
    private final ScriptedProvider provider = new ScriptedProvider("p");

    private Steward.Builder builder() {
        return Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.letter", "v1", "Letter"))
                .auditSink(audit);
    }

    @Test
    void anUnreachableLedgerFailsTheCallClosedBeforeAnyProviderIsAsked() throws Exception {
        BudgetLedger down = new BudgetLedger() {
            @Override
            public Reservation reserve(String budget, long amount, long limit, Instant expiresAt) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void settle(Reservation reservation, long actualAmount) {}

            @Override
            public void release(Reservation reservation) {}

            @Override
            public long spent(String budget) {
                return 0;
            }
        };
        try (Steward steward = builder().budgetLedger(down).build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.letter")
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", "1000 tokens", "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                    .build());

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("budget ledger")
                    .hasMessageContaining("connection refused")
                    .satisfies(e -> {
                        assertThat(((StoreUnavailableException) e).isRetriable())
                                .isTrue();
                        assertThat(((StoreUnavailableException) e).store()).isEqualTo("budget ledger");
                    });
            assertThat(provider.calls.get()).isZero();
            assertThat(audit.records())
                    .singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAILED));
        }
    }

    @Test
    void anUnreachableApprovalStoreWithholdsTheAnswer() throws Exception {
        ApprovalStore down = new ApprovalStore() {
            @Override
            public void create(ApprovalRequest request) {
                throw new IllegalStateException("database is down");
            }

            @Override
            public Optional<ApprovalRequest> find(String id) {
                return Optional.empty();
            }

            @Override
            public boolean compareAndSet(ApprovalRequest decided, ApprovalStatus expected) {
                return false;
            }

            @Override
            public List<ApprovalRequest> pending(Set<String> approverRoles) {
                return List.of();
            }
        };
        try (Steward steward = builder().approvalStore(down).build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.letter")
                    .approval(new CapabilityDefinition.Approval("supervisor", RequiresApproval.ALWAYS, "P1D"))
                    .build());

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("approval store");
            assertThat(audit.records().get(0).outcome()).isEqualTo(Outcome.FAILED);
        }
    }
}
