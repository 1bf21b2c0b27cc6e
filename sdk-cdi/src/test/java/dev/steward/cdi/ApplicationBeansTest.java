package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDescriptor;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.CapabilityPolicy;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.PipelineInterceptor;
import dev.steward.core.spi.StewardObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Stores and policies the application declares as CDI beans replace Steward's defaults. */
class ApplicationBeansTest {

    @Test
    void usesTheApplicationsAuditSinkAndCapabilityPolicyBeans() {
        TestConfig config = TestConfig.install(TestConfig.baseline());
        try (WeldContainer container = new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(
                        ClaimsService.class,
                        TestProvider.class,
                        TestSecurityContext.class,
                        CollectingSink.class,
                        WeekdayPolicy.class)
                .initialize()) {
            container.select(TestSecurityContext.class).get().login("night-owl", "adjuster");

            container.select(ClaimsService.class).get().summarize("C-1", "hail");

            assertThat(container.select(WeekdayPolicy.class).get().asked()).containsExactly("claims.summarize");
            assertThat(container.select(CollectingSink.class).get().records())
                    .singleElement()
                    .extracting(AuditRecord::principal)
                    .isEqualTo("night-owl");
        } finally {
            config.release();
        }
    }

    @Test
    void usesTheApplicationsInterceptorAndObserverBeans() {
        TestConfig config = TestConfig.install(TestConfig.baseline());
        try (WeldContainer container = new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(
                        ClaimsService.class,
                        TestProvider.class,
                        TestSecurityContext.class,
                        CollectingSink.class,
                        Stamping.class,
                        Watching.class)
                .initialize()) {
            container.select(TestSecurityContext.class).get().login("night-owl", "adjuster");

            String answer = container.select(ClaimsService.class).get().summarize("C-1", "hail");

            assertThat(answer).endsWith(" [checked]");
            assertThat(container.select(Watching.class).get().events())
                    .containsExactly("start claims.summarize", "stop SUCCEEDED");
            assertThat(container.select(CollectingSink.class).get().records())
                    .singleElement()
                    .satisfies(r -> assertThat(r.tags()).containsEntry("checked-by", "Stamping"));
        } finally {
            config.release();
        }
    }

    /** An application's interceptor bean: marks every answer as checked. */
    @ApplicationScoped
    public static class Stamping implements PipelineInterceptor {
        @Override
        public String onAnswer(CallContext call, String answer) {
            call.tag("checked-by", "Stamping");
            return answer + " [checked]";
        }
    }

    /** An application's observer bean. */
    @ApplicationScoped
    public static class Watching implements StewardObserver {
        private final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onCallStart(CallContext call) {
            events.add("start " + call.capability().name());
        }

        @Override
        public void onCallStop(CallContext call, AuditRecord record) {
            events.add("stop " + record.outcome());
        }

        List<String> events() {
            return List.copyOf(events);
        }
    }

    /** An application's audit sink, for example forwarding to a SIEM. */
    @ApplicationScoped
    public static class CollectingSink implements AuditSink {
        private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void write(AuditRecord record) {
            records.add(record);
        }

        List<AuditRecord> records() {
            return List.copyOf(records);
        }
    }

    /** An application's capability policy. */
    @ApplicationScoped
    public static class WeekdayPolicy implements CapabilityPolicy {
        private final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public Decision authorize(CapabilityDescriptor capability, CallerContext caller) {
            asked.add(capability.name());
            return Decision.ALLOW;
        }

        List<String> asked() {
            return List.copyOf(asked);
        }
    }
}
