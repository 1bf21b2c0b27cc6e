package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without {@code steward.cdi.rest.capture-roles}, nobody reads captures, whatever roles they hold. */
@EnableWeld
class CaptureResourceWithoutRolesTest {

    private final TestConfig config = TestConfig.install(TestConfig.baseline());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    TestSecurityContext security;

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    @Test
    void everyReaderIsForbiddenAndToldWhichKeyNamesTheRoles() {
        security.login("auditor1", "steward-auditor", "forensics", "admin");

        ErrorView error = StewardCaptureResourceTest.refusal(403, () -> new StewardCaptureResource().read("any"));

        assertThat(error.message()).contains("steward.cdi.rest.capture-roles");
    }
}
