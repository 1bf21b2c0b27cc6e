package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.AuditRecord;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDisabledException;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.cdi.support.AuditEvents;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableWeld
class GovernedCallTest {

    private final TestConfig config = TestConfig.install(TestConfig.baseline());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(
                            ClaimsService.class, TestProvider.class, TestSecurityContext.class, AuditEvents.class))
            .build();

    @Inject
    ClaimsService claims;

    @Inject
    TestProvider provider;

    @Inject
    TestSecurityContext security;

    @Inject
    AuditEvents events;

    @Inject
    Steward steward;

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void answersFromTheModelWithTheRenderedPromptWithoutRunningTheMethodBody() {
        security.login("adjuster1", "adjuster");
        int bodiesBefore = ClaimsService.BODIES_RUN.get();

        String answer = claims.summarize("C-1", "water damage in the kitchen");

        assertThat(answer).isEqualTo("answer to: Briefly summarize claim C-1: water damage in the kitchen");
        assertThat(ClaimsService.BODIES_RUN.get()).isEqualTo(bodiesBefore);
        assertThat(provider.requests()).singleElement().satisfies(r -> {
            assertThat(r.capability()).isEqualTo("claims.summarize");
            assertThat(r.caller().principal()).isEqualTo("adjuster1");
            assertThat(r.caller().roles()).containsExactly("adjuster");
        });
    }

    @Test
    void auditsEveryCallAsSynchronousAndAsynchronousCdiEvents() {
        security.login("adjuster1", "adjuster");

        claims.summarize("C-1", "hail");

        assertThat(events.sync()).singleElement().satisfies(r -> {
            assertThat(r.capability()).isEqualTo("claims.summarize");
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(r.principal()).isEqualTo("adjuster1");
            assertThat(r.source()).isEqualTo(ClaimsService.class.getName() + "#summarize");
            assertThat(r.promptVersion()).isEqualTo("v2");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> events.async().size() == 1);
        assertThat(events.async().get(0).id()).isEqualTo(events.sync().get(0).id());
        assertThat(records())
                .extracting(AuditRecord::id)
                .containsExactly(events.sync().get(0).id());
    }

    @Test
    void deniesAnonymousCallersAndAuditsTheDenial() {
        security.logout();

        assertThatThrownBy(() -> claims.summarize("C-1", "hail")).isInstanceOf(CapabilityDeniedException.class);

        assertThat(provider.requests()).isEmpty();
        assertThat(events.sync())
                .singleElement()
                .extracting(AuditRecord::outcome)
                .isEqualTo(Outcome.DENIED);
    }

    @Test
    void deniesCallersWithoutAnAllowedRole() {
        security.login("clerk1", "clerk");

        assertThatThrownBy(() -> claims.summarize("C-1", "hail"))
                .isInstanceOf(CapabilityDeniedException.class)
                .extracting(e -> ((CapabilityDeniedException) e).principal())
                .isEqualTo("clerk1");
        assertThat(provider.requests()).isEmpty();
    }

    @Test
    void killSwitchTurnsTheCapabilityOffAndOnWithoutRestart() {
        security.login("adjuster1", "adjuster");
        assertThat(claims.summarize("C-1", "hail")).startsWith("answer to:");

        config.set("steward.capability.claims.summarize.enabled", "false");
        assertThatThrownBy(() -> claims.summarize("C-1", "hail")).isInstanceOf(CapabilityDisabledException.class);

        config.set("steward.capability.claims.summarize.enabled", "true");
        assertThat(claims.summarize("C-1", "hail")).startsWith("answer to:");
        assertThat(records())
                .extracting(AuditRecord::outcome)
                .containsExactlyInAnyOrder(Outcome.SUCCEEDED, Outcome.KILLED, Outcome.SUCCEEDED);
    }

    @Test
    void promptPinChangesTheVersionWithoutRestart() {
        security.login("adjuster1", "adjuster");
        config.set("steward.capability.claims.summarize.prompt.version", "v1");
        assertThat(claims.summarize("C-1", "hail")).isEqualTo("answer to: Summarize claim C-1: hail");

        config.set("steward.capability.claims.summarize.prompt.version", "v2");
        assertThat(claims.summarize("C-1", "hail")).isEqualTo("answer to: Briefly summarize claim C-1: hail");
    }

    @Test
    void canaryPercentageRoutesCallsToTheCanaryVersionWithoutRestart() {
        security.login("adjuster1", "adjuster");
        config.set("steward.capability.claims.summarize.prompt.canary.version", "v1");
        config.set("steward.capability.claims.summarize.prompt.canary.percent", "100");
        assertThat(claims.summarize("C-1", "hail")).isEqualTo("answer to: Summarize claim C-1: hail");

        config.set("steward.capability.claims.summarize.prompt.canary.percent", "0");
        assertThat(claims.summarize("C-1", "hail")).isEqualTo("answer to: Briefly summarize claim C-1: hail");
    }

    @Test
    void declaredFallbackMethodAnswersWhenTheProviderFails() {
        security.login("adjuster1", "adjuster");
        provider.answerWith(r -> {
            throw ProviderException.permanent(TestProvider.NAME, "model offline", null);
        });

        assertThat(claims.summarize("C-7", "hail")).isEqualTo("summary unavailable for C-7");
        assertThat(events.sync())
                .singleElement()
                .extracting(AuditRecord::outcome)
                .isEqualTo(Outcome.DEGRADED);
    }

    @Test
    void returnsTheWholeAnswerWhenTheMethodDeclaresAnswer() {
        security.login("adjuster1", "adjuster");
        provider.answerWith(
                r -> new InferenceResponse("water damage", "test-model", TokenUsage.NONE, OptionalDouble.of(0.9)));

        Answer answer = claims.classify("C-3");

        assertThat(answer.text()).isEqualTo("water damage");
        assertThat(answer.confidence()).hasValue(0.9);
        assertThat(answer.model()).isEqualTo("test-model");
        assertThat(answer.degraded()).isFalse();
    }

    @Test
    void marksAnAnswerFromTheFallbackMethodAsDegraded() {
        security.login("adjuster1", "adjuster");
        provider.answerWith(r -> {
            throw ProviderException.permanent(TestProvider.NAME, "model offline", null);
        });

        Answer answer = claims.classify("C-3");

        assertThat(answer.text()).isEqualTo("unclassified");
        assertThat(answer.degraded()).isTrue();
    }

    @Test
    void holdsAnswersForApprovalUntilASupervisorReleasesThem() {
        security.login("adjuster1", "adjuster");
        String approvalId = catchPending(() -> claims.proposeAdjustment("C-9"));
        assertThat(events.requested()).singleElement().satisfies(e -> {
            assertThat(e.request().id()).isEqualTo(approvalId);
            assertThat(e.request().approverRole()).isEqualTo("supervisor");
        });

        security.login("supervisor1", "supervisor");
        var supervisor = steward.approvals().pending(currentCaller());
        assertThat(supervisor).extracting(r -> r.id()).containsExactly(approvalId);
        steward.approvals().approve(approvalId, currentCaller(), "looks right");

        assertThat(events.decided()).singleElement().satisfies(e -> {
            assertThat(e.request().status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(e.request().decidedBy()).isEqualTo("supervisor1");
        });
        assertThat(steward.approvals().result(approvalId)).isEqualTo("answer to: Propose an adjustment for claim C-9");
        assertThat(records())
                .extracting(AuditRecord::outcome)
                .containsExactlyInAnyOrder(Outcome.PENDING_APPROVAL, Outcome.APPROVED);
    }

    private dev.steward.api.CallerContext currentCaller() {
        return weld.select(dev.steward.cdi.internal.StewardRuntime.class)
                .get()
                .identity()
                .resolve();
    }

    private static String catchPending(Runnable call) {
        try {
            call.run();
        } catch (ApprovalPendingException e) {
            return e.approvalId();
        }
        throw new AssertionError("expected ApprovalPendingException");
    }

    private List<AuditRecord> records() {
        return steward.auditTrail().orElseThrow().search(new AuditQuery(null, null, null, null, 100));
    }
}
