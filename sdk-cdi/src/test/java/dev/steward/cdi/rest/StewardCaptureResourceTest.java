package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.web.AuditView;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Forensic readers read captured prompts and answers through {@code steward/captures}, each read audited. */
@EnableWeld
class StewardCaptureResourceTest {

    private final TestConfig config = TestConfig.install(capturing(TestConfig.baseline()));

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    ClaimsService claims;

    @Inject
    TestSecurityContext security;

    private final StewardCaptureResource captures = new StewardCaptureResource();
    private final StewardAuditResource audit = new StewardAuditResource();

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    private String summarizeAndFindItsRecord() {
        security.login("adjuster1", "adjuster");
        claims.summarize("C-1", "hail on the roof");
        security.login("auditor1", "compliance");
        return audit.search("claims.summarize", null, null, null, "1").get(0).id();
    }

    @Test
    void aCaptureReaderGetsThePromptAndAnswerAndTheReadIsAuditedNamingReaderAndRecord() {
        String id = summarizeAndFindItsRecord();

        security.login("investigator1", "forensics");
        CaptureView view = captures.read(id);

        assertThat(view.auditRecordId()).isEqualTo(id);
        assertThat(view.capability()).isEqualTo("claims.summarize");
        assertThat(view.mode()).isEqualTo("full");
        assertThat(view.prompt()).contains("hail on the roof");
        assertThat(view.answer()).isNotBlank();

        security.login("auditor1", "compliance");
        List<AuditView> reads = audit.search(null, "investigator1", null, null, null);
        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.outcome()).isEqualTo("CAPTURE_READ");
            assertThat(read.capability()).isEqualTo("claims.summarize");
            assertThat(read.tags()).containsEntry("steward.capture.audit-record-id", id);
        });
    }

    @Test
    void anAuditRoleAloneMayNotReadCaptures() {
        String id = summarizeAndFindItsRecord();

        ErrorView error = refusal(403, () -> captures.read(id));

        assertThat(error.error()).isEqualTo("capture-not-allowed");
        assertThat(error.message()).contains("forensics");
        assertThat(audit.search(null, "auditor1", null, null, null)).isEmpty();
    }

    @Test
    void anUnknownRecordIsNotFoundAndTheAttemptIsAudited() {
        security.login("investigator1", "forensics");

        assertThat(refusal(404, () -> captures.read("no-such-record")).error()).isEqualTo("capture-not-found");

        security.login("auditor1", "compliance");
        assertThat(audit.search(null, "investigator1", null, null, null))
                .singleElement()
                .satisfies(read ->
                        assertThat(read.tags()).containsEntry("steward.capture.audit-record-id", "no-such-record"));
    }

    @Test
    void anonymousCallersAreUnauthorized() {
        security.logout();

        assertThat(refusal(401, () -> captures.read("x")).error()).isEqualTo("unauthenticated");
    }

    private static Map<String, String> capturing(Map<String, String> values) {
        try {
            Path dir = Files.createTempDirectory("steward-captures");
            values.put("steward.capture.path", dir.resolve("captures.jsonl").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values.put("steward.capability.claims.summarize.capture", "full");
        values.put("steward.cdi.rest.audit-roles", "compliance");
        values.put("steward.cdi.rest.capture-roles", "forensics");
        return values;
    }

    static ErrorView refusal(int status, Executable call) {
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, call::execute);
        assertThat(refused).as("the call is refused").isNotNull();
        assertThat(refused.getResponse().getStatus()).isEqualTo(status);
        return (ErrorView) refused.getResponse().getEntity();
    }
}
