package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ProviderException;
import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.web.AuditView;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Auditors search audit records through {@code steward/audit}, called as JAX-RS would call it. */
@EnableWeld
class StewardAuditResourceTest {

    private final TestConfig config = TestConfig.install(withAuditRoles(TestConfig.baseline()));

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    ClaimsService claims;

    @Inject
    TestProvider provider;

    @Inject
    TestSecurityContext security;

    private final StewardAuditResource resource = new StewardAuditResource();

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void returnsAFlatViewOfEachRecordToAnAuditor() {
        security.login("adjuster1", "adjuster");
        claims.summarize("C-1", "hail");

        security.login("auditor1", "compliance");
        List<AuditView> found = resource.search(null, null, null, null, null);

        assertThat(found).singleElement().satisfies(view -> {
            assertThat(view.capability()).isEqualTo("claims.summarize");
            assertThat(view.source()).isEqualTo(ClaimsService.class.getName() + "#summarize");
            assertThat(view.principal()).isEqualTo("adjuster1");
            assertThat(view.provider()).isEqualTo(TestProvider.NAME);
            assertThat(view.model()).isEqualTo("test-model");
            assertThat(view.inputTokens()).isEqualTo(10);
            assertThat(view.outputTokens()).isEqualTo(5);
            assertThat(view.outcome()).isEqualTo("SUCCEEDED");
            assertThat(view.cost()).isNotBlank();
            assertThat(view.attempts()).singleElement().satisfies(attempt -> {
                assertThat(attempt.provider()).isEqualTo(TestProvider.NAME);
                assertThat(attempt.result()).isEqualTo("SUCCEEDED");
                assertThat(attempt.error()).isNull();
            });
        });
    }

    @Test
    void recordsTheFailedAttemptsOfADegradedCall() {
        security.login("adjuster1", "adjuster");
        provider.answerWith(r -> {
            throw ProviderException.permanent(TestProvider.NAME, "model offline", null);
        });
        claims.summarize("C-1", "hail");

        security.login("auditor1", "compliance");

        assertThat(resource.search("claims.summarize", null, null, null, null))
                .singleElement()
                .satisfies(view -> {
                    assertThat(view.outcome()).isEqualTo("DEGRADED");
                    assertThat(view.attempts())
                            .singleElement()
                            .satisfies(attempt -> assertThat(attempt.error()).contains("model offline"));
                });
    }

    @Test
    void filtersByCapabilityUserAndTimeAndTreatsBlankParametersAsAbsent() {
        security.login("adjuster1", "adjuster");
        claims.summarize("C-1", "hail");
        security.login("adjuster2", "adjuster");
        claims.summarize("C-2", "flood");
        claims.classify("C-2");

        security.login("auditor1", "compliance");

        assertThat(resource.search("claims.classify", "", " ", null, "10"))
                .extracting(AuditView::principal)
                .containsExactly("adjuster2");
        assertThat(resource.search(null, "adjuster1", null, null, null))
                .extracting(AuditView::capability)
                .containsExactly("claims.summarize");
        assertThat(resource.search(null, null, "2000-01-01T00:00:00Z", null, null))
                .hasSize(3);
        assertThat(resource.search(null, null, null, "2000-01-01T00:00:00Z", null))
                .isEmpty();
        assertThat(resource.search(null, null, null, null, "2")).hasSize(2);
    }

    @Test
    void refusesWithForbiddenACallerWithoutAnAuditRole() {
        security.login("adjuster1", "adjuster");

        ErrorView error = refusal(403, () -> resource.search(null, null, null, null, null));

        assertThat(error.error()).isEqualTo("audit-not-allowed");
        assertThat(error.message()).contains("compliance");
    }

    @Test
    void refusesAnonymousCallersWithUnauthorized() {
        security.logout();

        assertThat(refusal(401, () -> resource.search(null, null, null, null, null))
                        .error())
                .isEqualTo("unauthenticated");
    }

    @Test
    void rejectsALimitOutsideOneToAThousand() {
        security.login("auditor1", "compliance");

        assertThat(refusal(400, () -> resource.search(null, null, null, null, "0"))
                        .message())
                .isEqualTo("limit must be in [1, 1000]");
        assertThat(refusal(400, () -> resource.search(null, null, null, null, "1001"))
                        .error())
                .isEqualTo("bad-parameter");
        assertThat(resource.search(null, null, null, null, "1000")).isEmpty();
    }

    @Test
    void rejectsALimitThatIsNotANumberWithBadRequest() {
        security.login("auditor1", "compliance");

        assertThat(refusal(400, () -> resource.search(null, null, null, null, "ten"))
                        .message())
                .isEqualTo("limit must be a whole number, was 'ten'");
    }

    @Test
    void rejectsATimeThatIsNotAnIsoInstantNamingTheParameter() {
        security.login("auditor1", "compliance");

        assertThat(refusal(400, () -> resource.search(null, null, "yesterday", null, null))
                        .message())
                .startsWith("from must be an ISO-8601 instant")
                .endsWith("was 'yesterday'");
        assertThat(refusal(400, () -> resource.search(null, null, null, "2026-13-01", null))
                        .message())
                .startsWith("to must be");
    }

    private static Map<String, String> withAuditRoles(Map<String, String> values) {
        values.put("steward.cdi.rest.audit-roles", "compliance");
        return values;
    }

    private static ErrorView refusal(int status, Executable call) {
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, call::execute);
        assertThat(refused).as("the call is refused").isNotNull();
        assertThat(refused.getResponse().getStatus()).isEqualTo(status);
        return (ErrorView) refused.getResponse().getEntity();
    }
}
