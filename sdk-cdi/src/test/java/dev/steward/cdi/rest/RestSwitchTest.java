package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.approval.InMemoryApprovalStore;
import dev.steward.core.web.ErrorView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code steward.cdi.rest.enabled=false} makes every resource a 404 that reads no store; bad values fail startup. */
class RestSwitchTest {

    private TestConfig config;

    @AfterEach
    void release() {
        config.release();
    }

    @Test
    void aDisabledResourceAnswersNotFoundWithoutTouchingTheApprovalStore() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.cdi.rest.enabled", "false");
        values.put("steward.cdi.rest.audit-roles", "supervisor");
        config = TestConfig.install(values);
        try (WeldContainer container = weld().initialize()) {
            container.select(TestSecurityContext.class).get().login("supervisor1", "supervisor");
            CountingStore store = container.select(CountingStore.class).get();
            StewardApprovalResource approvals = new StewardApprovalResource();
            StewardAuditResource audit = new StewardAuditResource();

            for (Runnable call : List.<Runnable>of(
                    approvals::pending,
                    () -> approvals.result("any"),
                    () -> approvals.approve("any", null, null),
                    () -> approvals.reject("any", null, null),
                    () -> audit.search(null, null, null, null, null),
                    () -> audit.verify(null, null))) {
                WebApplicationException e = catchThrowableOfType(WebApplicationException.class, call::run);
                assertThat(e.getResponse().getStatus()).isEqualTo(404);
                assertThat(((ErrorView) e.getResponse().getEntity()).message())
                        .contains("steward.cdi.rest.enabled=false");
            }
            assertThat(store.calls()).isZero();
        }
    }

    @Test
    void anInvalidSwitchOrLimitFailsStartupNamingTheKey() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.cdi.rest.enabled", "yes");
        config = TestConfig.install(values);
        assertThatThrownBy(() -> weld().initialize().close())
                .hasStackTraceContaining("steward.cdi.rest.enabled: must be true or false, was 'yes'");
        config.release();

        values = TestConfig.baseline();
        values.put("steward.cdi.rest.max-body-bytes", "1MiB");
        config = TestConfig.install(values);
        assertThatThrownBy(() -> weld().initialize().close())
                .hasStackTraceContaining("steward.cdi.rest.max-body-bytes: must be a whole number of bytes");
    }

    private static Weld weld() {
        return new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(
                        ClaimsService.class, TestProvider.class, TestSecurityContext.class, CountingStore.class);
    }

    /** The in-memory store, counting every use. */
    @ApplicationScoped
    public static class CountingStore implements ApprovalStore {

        private final AtomicInteger calls = new AtomicInteger();
        private final InMemoryApprovalStore store = new InMemoryApprovalStore();

        int calls() {
            return calls.get();
        }

        @Override
        public void create(ApprovalRequest request) {
            calls.incrementAndGet();
            store.create(request);
        }

        @Override
        public Optional<ApprovalRequest> find(String id) {
            calls.incrementAndGet();
            return store.find(id);
        }

        @Override
        public boolean compareAndSet(ApprovalRequest decided, ApprovalStatus expected) {
            calls.incrementAndGet();
            return store.compareAndSet(decided, expected);
        }

        @Override
        public List<ApprovalRequest> pending(Set<String> approverRoles) {
            calls.incrementAndGet();
            return store.pending(approverRoles);
        }
    }
}
