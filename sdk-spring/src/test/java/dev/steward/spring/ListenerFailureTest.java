package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spring.support.ClaimsService;
import dev.steward.spring.support.StewardEvents;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;

/** An application listener that throws on Steward's events does not fail the governed call. */
class ListenerFailureTest {

    /** A listener that fails every time, as a broken application listener would. */
    static class FailingListener {
        final AtomicInteger calls = new AtomicInteger();

        @EventListener
        public void on(AuditRecorded event) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener broken");
        }
    }

    @Test
    void aThrowingAuditListenerIsCalledAndTheCallStillAnswers() {
        GovernedBeanTest.RUNNER.withBean(FailingListener.class).run(context -> {
            ClaimsService claims = context.getBean(ClaimsService.class);

            String summary = as(user("adjuster1", "ROLE_adjuster"), () -> claims.summarize("C-1", "hail damage"));

            assertThat(summary).isEqualTo("answer to: Summarize claim C-1: hail damage");
            assertThat(context.getBean(FailingListener.class).calls.get()).isEqualTo(1);
            // the application's other listener still gets the event
            assertThat(context.getBean(StewardEvents.class).audits).hasSize(1);
        });
    }
}
