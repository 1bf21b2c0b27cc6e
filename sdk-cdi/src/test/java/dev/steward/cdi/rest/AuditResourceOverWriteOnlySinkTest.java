package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.web.ErrorView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** An application whose own audit sink cannot be searched gets a clear 501 from {@code steward/audit}. */
class AuditResourceOverWriteOnlySinkTest {

    @Test
    void answersNotImplementedWhenTheAuditSinkCannotBeReadBack() {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.cdi.rest.audit-roles", "compliance");
        TestConfig config = TestConfig.install(values);
        try (WeldContainer container = new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class, WriteOnlySink.class)
                .initialize()) {
            container.select(TestSecurityContext.class).get().login("auditor1", "compliance");

            WebApplicationException refused = catchThrowableOfType(
                    WebApplicationException.class,
                    () -> new StewardAuditResource().search(null, null, null, null, null));

            assertThat(refused.getResponse().getStatus()).isEqualTo(501);
            assertThat(((ErrorView) refused.getResponse().getEntity()).error()).isEqualTo("audit-not-readable");
        } finally {
            config.release();
        }
    }

    /** An application's audit sink that forwards records elsewhere and cannot search them. */
    @ApplicationScoped
    public static class WriteOnlySink implements AuditSink {
        @Override
        public void write(AuditRecord record) {
            // forwarded elsewhere, for example to a SIEM
        }
    }
}
