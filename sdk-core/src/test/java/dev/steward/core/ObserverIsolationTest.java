package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.AuditRecord;
import dev.steward.api.Outcome;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.spi.StewardObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ObserverIsolationTest {

    /** Throws from every hook, counting how often it was called. */
    static final class Throwing implements StewardObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onAudit(AuditRecord record) {
            calls.add("onAudit");
            throw new IllegalStateException("metrics backend down");
        }

        @Override
        public void onApprovalRequested(ApprovalRequest request) {
            calls.add("onApprovalRequested");
            throw new IllegalStateException("mail server down");
        }

        @Override
        public void onApprovalDecided(ApprovalRequest request) {
            calls.add("onApprovalDecided");
            throw new IllegalStateException("mail server down");
        }
    }

    /** Remembers what it was told. */
    static final class Recording implements StewardObserver {
        final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
        final List<ApprovalRequest> requested = new CopyOnWriteArrayList<>();
        final List<ApprovalRequest> decided = new CopyOnWriteArrayList<>();

        @Override
        public void onAudit(AuditRecord record) {
            audited.add(record);
        }

        @Override
        public void onApprovalRequested(ApprovalRequest request) {
            requested.add(request);
        }

        @Override
        public void onApprovalDecided(ApprovalRequest request) {
            decided.add(request);
        }
    }

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final ScriptedProvider provider = new ScriptedProvider("p").answersWithConfidence("Dear customer", 0.5);

    private Steward steward(StewardObserver... listeners) {
        Steward.Builder b = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.draft-letter", "v1", "Letter for {{claim}}"))
                .auditSink(audit);
        for (StewardObserver l : listeners) {
            b.observer(l);
        }
        return b.build();
    }

    private static String requestLetter(Steward steward) {
        GovernedCapability letter = steward.capability(CapabilityDefinition.builder("claims.draft-letter")
                .parameterNames(List.of("claim"))
                .approval(new CapabilityDefinition.Approval("supervisor", 0.8, "P1D"))
                .build());
        try {
            letter.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);
        } catch (ApprovalPendingException e) {
            return e.approvalId();
        }
        throw new AssertionError("expected the answer to be held for approval");
    }

    @Test
    void anObserverThatThrowsNeitherStopsTheNextObserverNorChangesTheDecision() throws Exception {
        Throwing first = new Throwing();
        Recording second = new Recording();
        try (Steward steward = steward(first, second)) {
            String id = requestLetter(steward);

            ApprovalRequest decided = steward.approvals().approve(id, Callers.SUPERVISOR, "reads well");

            assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(steward.approvals().result(id)).isEqualTo("Dear customer");
            assertThat(first.calls).containsExactly("onApprovalRequested", "onAudit", "onApprovalDecided", "onAudit");
            assertThat(second.requested).extracting(ApprovalRequest::id).containsExactly(id);
            assertThat(second.decided).extracting(ApprovalRequest::status).containsExactly(ApprovalStatus.APPROVED);
            assertThat(second.audited)
                    .extracting(AuditRecord::outcome)
                    .containsExactly(Outcome.PENDING_APPROVAL, Outcome.APPROVED);
            assertThat(audit.records())
                    .extracting(AuditRecord::outcome)
                    .containsExactly(Outcome.PENDING_APPROVAL, Outcome.APPROVED);
        }
    }

    @Test
    void aSingleObserverThatThrowsOnADecisionIsStillToldOfItsAuditRecord() throws Exception {
        Throwing only = new Throwing();
        try (Steward steward = steward(only)) {
            String id = requestLetter(steward);

            ApprovalRequest rejected = steward.approvals().reject(id, Callers.SUPERVISOR, "wrong tone");

            assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(only.calls).containsExactly("onApprovalRequested", "onAudit", "onApprovalDecided", "onAudit");
            assertThat(audit.records()).last().extracting(AuditRecord::outcome).isEqualTo(Outcome.REJECTED);
        }
    }
}
