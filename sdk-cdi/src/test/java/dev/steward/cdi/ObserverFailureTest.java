package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An application observer that throws on Steward's audit event does not fail the governed call. */
@EnableWeld
class ObserverFailureTest {

    /** An observer that fails every time, as a broken application observer would. */
    @ApplicationScoped
    public static class FailingObserver {
        final AtomicInteger calls = new AtomicInteger();

        int calls() {
            return calls.get();
        }

        void onAudit(@Observes AuditRecorded event) {
            calls.incrementAndGet();
            throw new IllegalStateException("observer broken");
        }
    }

    private final TestConfig config = TestConfig.install(TestConfig.baseline());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(
                            ClaimsService.class, TestProvider.class, TestSecurityContext.class, FailingObserver.class))
            .build();

    @Inject
    ClaimsService claims;

    @Inject
    TestSecurityContext security;

    @Inject
    FailingObserver observer;

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void aThrowingAuditObserverIsCalledAndTheCallStillAnswers() {
        security.login("adjuster1", "adjuster");

        String summary = claims.summarize("C-1", "hail damage");

        assertThat(summary).isEqualTo("answer to: Briefly summarize claim C-1: hail damage");
        assertThat(observer.calls()).isEqualTo(1);
    }
}
