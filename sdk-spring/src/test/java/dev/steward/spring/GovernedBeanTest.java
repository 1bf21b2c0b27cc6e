package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.Outcome;
import dev.steward.api.ProviderException;
import dev.steward.core.Steward;
import dev.steward.spring.support.ClaimsService;
import dev.steward.spring.support.StewardEvents;
import dev.steward.spring.support.TestProvider;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;

/** A Spring context with the starter governs the annotated methods of a plain bean. */
class GovernedBeanTest {

    static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class))
            .withBean(TestProvider.class)
            .withBean(ClaimsService.class)
            .withBean(StewardEvents.class)
            .withPropertyValues(
                    "steward.audit.sink=memory",
                    "steward.capability.claims.summarize.allowed-roles=adjuster",
                    "steward.capability.claims.classify.allowed-roles=adjuster",
                    "steward.capability.claims.adjust.allowed-roles=adjuster");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theModelAnswersForTheCallerAndTheBodyNeverRuns() {
        RUNNER.run(context -> {
            assertThat(context).hasNotFailed();
            ClaimsService claims = context.getBean(ClaimsService.class);
            assertThat(AopUtils.isCglibProxy(claims)).isTrue();
            int bodies = ClaimsService.BODIES_RUN.get();

            String summary = as(user("adjuster1", "ROLE_adjuster"), () -> claims.summarize("C-1", "hail damage"));

            assertThat(summary).isEqualTo("answer to: Summarize claim C-1: hail damage");
            assertThat(ClaimsService.BODIES_RUN.get()).isEqualTo(bodies);
            assertThat(claims.plain("text")).isEqualTo("plain text");
            StewardEvents events = context.getBean(StewardEvents.class);
            assertThat(events.audits).singleElement().satisfies(e -> {
                assertThat(e.record().principal()).isEqualTo("adjuster1");
                assertThat(e.record().capability()).isEqualTo("claims.summarize");
                assertThat(e.record().source()).isEqualTo(ClaimsService.class.getName() + "#summarize");
                assertThat(e.record().outcome()).isEqualTo(Outcome.SUCCEEDED);
            });
        });
    }

    @Test
    void aCallerWithoutTheRoleOrAnonymousIsDeniedAndAudited() {
        RUNNER.run(context -> {
            ClaimsService claims = context.getBean(ClaimsService.class);
            assertThatThrownBy(() -> as(user("clerk1", "ROLE_clerk"), () -> claims.summarize("C-1", "x")))
                    .isInstanceOf(CapabilityDeniedException.class);
            assertThatThrownBy(() -> claims.summarize("C-1", "x")).isInstanceOf(CapabilityDeniedException.class);
            assertThat(context.getBean(StewardEvents.class).audits)
                    .extracting(e -> e.record().principal(), e -> e.record().outcome())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("clerk1", Outcome.DENIED),
                            org.assertj.core.groups.Tuple.tuple(null, Outcome.DENIED));
        });
    }

    @Test
    void theFallbackMethodAnswersWhenNoProviderDoes() {
        RUNNER.run(context -> {
            context.getBean(TestProvider.class).answerWith(r -> {
                throw new ProviderException(TestProvider.NAME, false, null, "model gone", null);
            });
            ClaimsService claims = context.getBean(ClaimsService.class);
            assertThat(as(user("adjuster1", "ROLE_adjuster"), () -> claims.summarize("C-9", "x")))
                    .isEqualTo("summary unavailable for C-9");
            Answer answer = as(user("adjuster1", "ROLE_adjuster"), () -> claims.classify("C-9"));
            assertThat(answer.text()).isEqualTo("unclassified");
            assertThat(answer.degraded()).isTrue();
        });
    }

    @Test
    void anAnswerHeldForApprovalIsReleasedBySupervisorAndPublishedAsEvents() {
        RUNNER.run(context -> {
            ClaimsService claims = context.getBean(ClaimsService.class);
            Steward steward = context.getBean(Steward.class);
            StewardEvents events = context.getBean(StewardEvents.class);

            ApprovalPendingException pending = org.assertj.core.api.Assertions.catchThrowableOfType(
                    ApprovalPendingException.class,
                    () -> as(user("adjuster1", "ROLE_adjuster"), () -> claims.proposeAdjustment("C-7")));
            String id = pending.approvalId();
            assertThat(events.requested)
                    .singleElement()
                    .satisfies(e -> assertThat(e.request().id()).isEqualTo(id));

            CallerContext supervisor = new CallerContext("supervisor1", Set.of("supervisor"), null, "corr");
            steward.approvals().approve(id, supervisor, "fine");
            assertThat(events.decided)
                    .singleElement()
                    .satisfies(e -> assertThat(e.request().decidedBy()).isEqualTo("supervisor1"));
            CallerContext requester = new CallerContext("adjuster1", Set.of("adjuster"), null, "corr");
            assertThat(steward.approvals().released(id, requester).output())
                    .isEqualTo("answer to: Propose an adjustment for claim C-7");
        });
    }
}
