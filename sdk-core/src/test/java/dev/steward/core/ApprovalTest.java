package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.AuditRecord;
import dev.steward.api.Outcome;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.spi.StewardObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final ScriptedProvider provider = new ScriptedProvider("p");
    private final List<ApprovalRequest> requested = new ArrayList<>();
    private final List<ApprovalRequest> decided = new ArrayList<>();
    private Steward steward;
    private GovernedCapability letter;

    @BeforeEach
    void start() {
        steward = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.draft-letter", "v1", "Letter for {{claim}}"))
                .auditSink(audit)
                .clock(clock)
                .observer(new StewardObserver() {
                    @Override
                    public void onApprovalRequested(ApprovalRequest request) {
                        requested.add(request);
                    }

                    @Override
                    public void onApprovalDecided(ApprovalRequest request) {
                        decided.add(request);
                    }
                })
                .build();
        letter = steward.capability(CapabilityDefinition.builder("claims.draft-letter")
                .parameterNames(List.of("claim"))
                .approval(new CapabilityDefinition.Approval("supervisor", 0.8, "P1D"))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        steward.close();
    }

    private String requestLetter() {
        try {
            letter.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);
        } catch (ApprovalPendingException e) {
            return e.approvalId();
        }
        throw new AssertionError("expected the answer to be held for approval");
    }

    private AuditRecord lastRecord() {
        List<AuditRecord> records = audit.records();
        return records.get(records.size() - 1);
    }

    @Test
    void anAnswerBelowTheThresholdIsHeldAndReleasedOnlyAfterApproval() {
        provider.answersWithConfidence("Dear customer", 0.5);
        String id = requestLetter();

        assertThat(lastRecord().outcome()).isEqualTo(Outcome.PENDING_APPROVAL);
        assertThat(lastRecord().approvalId()).isEqualTo(id);
        assertThat(requested).extracting(ApprovalRequest::id).containsExactly(id);
        assertThatThrownBy(() -> steward.approvals().result(id)).isInstanceOf(ApprovalPendingException.class);
        assertThat(steward.approvals().pending(Callers.SUPERVISOR))
                .extracting(ApprovalRequest::id)
                .containsExactly(id);

        steward.approvals().approve(id, Callers.SUPERVISOR, "reads well");

        assertThat(steward.approvals().result(id)).isEqualTo("Dear customer");
        AuditRecord decision = lastRecord();
        assertThat(decision.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(decision.approver()).isEqualTo("supervisor1");
        assertThat(decision.principal()).isEqualTo("adjuster1");
        assertThat(decision.approvalId()).isEqualTo(id);
        assertThat(decided).extracting(ApprovalRequest::status).containsExactly(ApprovalStatus.APPROVED);
        assertThat(steward.approvals().pending(Callers.SUPERVISOR)).isEmpty();
    }

    @Test
    void pendingRequestsAreListedOldestFirst() {
        provider.answersWithConfidence("Dear customer", 0.5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(requestLetter());
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(steward.approvals().pending(Callers.SUPERVISOR))
                .extracting(ApprovalRequest::id)
                .containsExactlyElementsOf(ids);
        steward.approvals().approve(ids.get(2), Callers.SUPERVISOR, "reads well");
        assertThat(steward.approvals().pending(Callers.SUPERVISOR))
                .extracting(ApprovalRequest::id)
                .containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(4));
    }

    @Test
    void aRejectedAnswerIsNeverReleased() {
        provider.answersWithConfidence("Dear customer", 0.5);
        String id = requestLetter();

        steward.approvals().reject(id, Callers.SUPERVISOR, "wrong tone");

        assertThatThrownBy(() -> steward.approvals().result(id))
                .isInstanceOfSatisfying(ApprovalRejectedException.class, e -> {
                    assertThat(e.approver()).isEqualTo("supervisor1");
                    assertThat(e.getMessage()).contains("wrong tone");
                });
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(lastRecord().approver()).isEqualTo("supervisor1");
    }

    @Test
    void anAnswerAtOrAboveTheThresholdNeedsNoApproval() {
        provider.answersWithConfidence("Dear customer", 0.9);
        dev.steward.api.Answer answer = letter.answer(Callers.ADJUSTER, new Object[] {"C-1"}, null);
        assertThat(answer.text()).isEqualTo("Dear customer");
        assertThat(answer.confidence()).hasValue(0.9);
        assertThat(answer.degraded()).isFalse();
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void anAnswerWithoutConfidenceAlwaysNeedsApproval() {
        provider.answers("Dear customer", "m", new dev.steward.api.TokenUsage(1, 1));
        assertThatThrownBy(() -> letter.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOf(ApprovalPendingException.class);
    }

    @Test
    void aFallbackAnswerNeedsTheSameApprovalAsAModelAnswer() {
        provider.fails(false);
        String id = null;
        try {
            letter.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, (args, cause) -> "Template letter for " + args[0]);
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        assertThat(id).isNotNull();
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.PENDING_APPROVAL);
        assertThat(lastRecord().reason()).contains("answered by the fallback").contains("need approval");
        steward.approvals().approve(id, Callers.SUPERVISOR, null);
        assertThat(steward.approvals().result(id)).isEqualTo("Template letter for C-1");
    }

    @Test
    void onlyAnotherPersonHoldingTheApproverRoleMayDecide() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();

        assertThatThrownBy(() -> steward.approvals().approve(id, Callers.ADJUSTER2, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("adjuster2")
                .hasMessageContaining("supervisor");
        dev.steward.api.CallerContext selfApprover =
                new dev.steward.api.CallerContext("adjuster1", java.util.Set.of("adjuster", "supervisor"), "acme", "c");
        assertThatThrownBy(() -> steward.approvals().approve(id, selfApprover, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("own request");
        assertThatThrownBy(() -> steward.approvals().approve("no-such-id", Callers.SUPERVISOR, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("no-such-id");

        steward.approvals().approve(id, Callers.SUPERVISOR, null);
        assertThatThrownBy(() -> steward.approvals().reject(id, Callers.SUPERVISOR, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("already APPROVED");
    }

    @Test
    void anUndecidedRequestExpiresAsRejected() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThatThrownBy(() -> steward.approvals().result(id))
                .isInstanceOf(ApprovalRejectedException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> steward.approvals().approve(id, Callers.SUPERVISOR, null))
                .isInstanceOf(ApprovalNotAllowedException.class);
        List<AuditRecord> records = audit.records();
        AuditRecord expiry = records.get(records.size() - 2);
        assertThat(expiry.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(expiry.reason()).contains("expired");
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.APPROVAL_REFUSED);
    }

    private void assertRefusalAudited(String id, String capability, String principal, String reasonPart) {
        AuditRecord refusal = lastRecord();
        assertThat(refusal.outcome()).isEqualTo(Outcome.APPROVAL_REFUSED);
        assertThat(refusal.approvalId()).isEqualTo(id);
        assertThat(refusal.capability()).isEqualTo(capability);
        assertThat(refusal.principal()).isEqualTo(principal);
        assertThat(refusal.approver()).as("nothing was decided").isNull();
        assertThat(refusal.reason()).contains(reasonPart);
    }

    @Test
    void aSelfApprovalIsAuditedAsRefusedBeforeItIsThrown() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();
        dev.steward.api.CallerContext selfApprover =
                new dev.steward.api.CallerContext("adjuster1", java.util.Set.of("adjuster", "supervisor"), "acme", "c");
        int before = audit.records().size();

        assertThatThrownBy(() -> steward.approvals().approve(id, selfApprover, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("own request");

        assertThat(audit.records()).hasSize(before + 1);
        assertRefusalAudited(id, "claims.draft-letter", "adjuster1", "self-approval");
        assertThat(lastRecord().correlationId()).isEqualTo("c");
        assertThat(steward.approvals().find(id).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void aDecisionWithoutTheApproverRoleIsAuditedAsRefused() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();

        assertThatThrownBy(() -> steward.approvals().reject(id, Callers.ADJUSTER2, "no"))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("supervisor");

        assertRefusalAudited(id, "claims.draft-letter", "adjuster2", "missing role 'supervisor'");
        assertThat(lastRecord().reason()).contains("reject refused");
    }

    @Test
    void anAnonymousDecisionIsAuditedAsRefused() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();

        assertThatThrownBy(() -> steward.approvals().approve(id, Callers.ANONYMOUS, null))
                .isInstanceOf(ApprovalNotAllowedException.class);

        assertRefusalAudited(id, "claims.draft-letter", null, "missing role");
    }

    @Test
    void aSecondDecisionOnADecidedRequestIsAuditedAsRefused() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();
        steward.approvals().approve(id, Callers.SUPERVISOR, null);
        dev.steward.api.CallerContext otherSupervisor =
                new dev.steward.api.CallerContext("supervisor2", java.util.Set.of("supervisor"), "acme", "corr-9");

        assertThatThrownBy(() -> steward.approvals().reject(id, otherSupervisor, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("already APPROVED");

        assertRefusalAudited(id, "claims.draft-letter", "supervisor2", "already APPROVED");
        assertThat(steward.approvals().result(id)).isEqualTo("Dear customer");
    }

    @Test
    void aDecisionOnAnUnknownRequestIsAuditedAsRefused() {
        assertThatThrownBy(() -> steward.approvals().approve("no-such-id", Callers.SUPERVISOR, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .hasMessageContaining("no-such-id");

        assertRefusalAudited("no-such-id", ApprovalService.UNKNOWN_CAPABILITY, "supervisor1", "unknown request");
    }

    @Test
    void aRefusalWhoseAuditFailsIsStillThrownWithTheAuditFailureAttached() throws Exception {
        steward.close();
        steward = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .auditSink(r -> {
                    if (r.outcome() == Outcome.APPROVAL_REFUSED) {
                        throw new IllegalStateException("audit store down");
                    }
                })
                .clock(clock)
                .build();

        assertThatThrownBy(() -> steward.approvals().approve("no-such-id", Callers.SUPERVISOR, null))
                .isInstanceOf(ApprovalNotAllowedException.class)
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("audit store down")));
    }

    @Test
    void theReleasedAnswerIsReadableByItsRequesterAndByAnApprover() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();
        steward.approvals().approve(id, Callers.SUPERVISOR, "fine");
        int before = audit.records().size();

        assertThat(steward.approvals().released(id, Callers.ADJUSTER).output()).isEqualTo("Dear customer");
        dev.steward.api.CallerContext otherSupervisor =
                new dev.steward.api.CallerContext("supervisor2", java.util.Set.of("supervisor"), null, "corr-8");
        assertThat(steward.approvals().released(id, otherSupervisor).decidedBy())
                .isEqualTo("supervisor1");
        assertThat(audit.records()).as("an allowed read is not audited").hasSize(before);
    }

    @Test
    void aReadOfTheResultByAnotherUserIsRefusedAndAudited() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();
        steward.approvals().approve(id, Callers.SUPERVISOR, null);

        assertThatThrownBy(() -> steward.approvals().released(id, Callers.ADJUSTER2))
                .isInstanceOfSatisfying(
                        ApprovalNotAllowedException.class,
                        e -> assertThat(e.capability()).isEqualTo("claims.draft-letter"))
                .hasMessageContaining("adjuster2")
                .hasMessageContaining("requester");

        assertRefusalAudited(id, "claims.draft-letter", "adjuster2", "read of the result refused");
    }

    @Test
    void theRequesterReadsTheResultOnlyWithinTheRequestsTenant() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String id = requestLetter();
        steward.approvals().approve(id, Callers.SUPERVISOR, null);
        dev.steward.api.CallerContext sameNameOtherTenant =
                new dev.steward.api.CallerContext("adjuster1", java.util.Set.of("adjuster"), "globex", "corr-7");

        assertThatThrownBy(() -> steward.approvals().released(id, sameNameOtherTenant))
                .isInstanceOf(ApprovalNotAllowedException.class);
        assertThatThrownBy(() -> steward.approvals().released(id, Callers.ANONYMOUS))
                .isInstanceOf(ApprovalNotAllowedException.class);
    }

    @Test
    void aReadOfAnUnknownRequestIsRefusedWithoutACapabilityAndAudited() {
        assertThatThrownBy(() -> steward.approvals().released("no-such-id", Callers.ADJUSTER))
                .isInstanceOfSatisfying(
                        ApprovalNotAllowedException.class,
                        e -> assertThat(e.capability()).isNull());

        assertRefusalAudited("no-such-id", ApprovalService.UNKNOWN_CAPABILITY, "adjuster1", "unknown request");
    }

    @Test
    void aPendingRejectedOrExpiredResultIsNotReleasedToTheRequester() {
        provider.answersWithConfidence("Dear customer", 0.1);
        String pending = requestLetter();
        String rejected = requestLetter();
        steward.approvals().reject(rejected, Callers.SUPERVISOR, "no");

        assertThatThrownBy(() -> steward.approvals().released(pending, Callers.ADJUSTER))
                .isInstanceOf(ApprovalPendingException.class);
        assertThatThrownBy(() -> steward.approvals().released(rejected, Callers.ADJUSTER))
                .isInstanceOfSatisfying(
                        ApprovalRejectedException.class,
                        e -> assertThat(e.approver()).isEqualTo("supervisor1"));
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> steward.approvals().released(pending, Callers.ADJUSTER))
                .isInstanceOfSatisfying(
                        ApprovalRejectedException.class,
                        e -> assertThat(e.approver()).isNull());
    }

    @Test
    void aThresholdOfZeroReleasesAnswersWithoutConfidenceAndHoldsOnlyWhatAnInterceptorHolds() throws Exception {
        ScriptedProvider plain = new ScriptedProvider("plain");
        try (Steward held = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(plain)
                .discoverExtensions(false)
                .interceptor(new dev.steward.core.spi.PipelineInterceptor() {
                    @Override
                    public dev.steward.api.InferenceRequest onInput(
                            dev.steward.core.spi.CallContext call, dev.steward.api.InferenceRequest request) {
                        if (String.valueOf(request.variables().get("claim")).contains("suspicious")) {
                            call.requireApproval("the input looks suspicious");
                        }
                        return request;
                    }
                })
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summary of {{claim}}"))
                .auditSink(audit)
                .build()) {
            GovernedCapability summarize = held.capability(CapabilityDefinition.builder("claims.summarize")
                    .parameterNames(List.of("claim"))
                    .approval(new CapabilityDefinition.Approval("supervisor", 0, "P1D"))
                    .build());

            assertThat(summarize.invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                    .isEqualTo("answer from plain");
            assertThatThrownBy(() -> summarize.invoke(Callers.ADJUSTER, new Object[] {"suspicious C-2"}, null))
                    .isInstanceOf(ApprovalPendingException.class);
            assertThat(lastRecord().outcome()).isEqualTo(Outcome.PENDING_APPROVAL);
            assertThat(lastRecord().reason()).contains("the input looks suspicious");
        }
    }
}
