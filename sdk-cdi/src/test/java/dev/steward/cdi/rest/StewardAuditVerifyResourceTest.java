package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.web.AuditVerificationView;
import dev.steward.core.web.AuditView;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auditors' resource over a JSON-lines audit file: searching past a bad line, and verifying the hash chain. */
class StewardAuditVerifyResourceTest {

    private TestConfig config;

    @AfterEach
    void release() {
        config.release();
    }

    private WeldContainer start(Map<String, String> values) {
        config = TestConfig.install(values);
        return new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class)
                .initialize();
    }

    private static Map<String, String> jsonl(Path file) {
        Map<String, String> values = TestConfig.baseline();
        values.put("steward.audit.sink", "jsonl");
        values.put("steward.audit.jsonl.path", file.toString());
        return values;
    }

    /** Two audited calls by an adjuster, then an auditor logged in. */
    private static void callTwiceThenLogInAsAuditor(WeldContainer container) {
        TestSecurityContext security =
                container.select(TestSecurityContext.class).get();
        security.login("adjuster1", "adjuster");
        container.select(ClaimsService.class).get().summarize("C-1", "hail");
        container.select(ClaimsService.class).get().summarize("C-2", "flood");
        security.login("auditor1", "steward-auditor");
    }

    private static int status(Throwable e) {
        return ((WebApplicationException) e).getResponse().getStatus();
    }

    @Test
    void verifyAnswersAnIntactLogWithItsHeadAndChecksACheckpoint(@TempDir Path dir) {
        try (WeldContainer container = start(jsonl(dir.resolve("audit.jsonl")))) {
            callTwiceThenLogInAsAuditor(container);
            StewardAuditResource resource = new StewardAuditResource();

            AuditVerificationView view = resource.verify(null, null);

            assertThat(view.valid()).isTrue();
            assertThat(view.records()).isEqualTo(2);
            assertThat(view.firstBadRecord()).isNull();
            assertThat(view.reason()).isNull();
            assertThat(view.head().sequence()).isEqualTo(2);
            assertThat(view.head().hash()).hasSize(64);
            assertThat(resource.verify("2", view.head().hash()).valid()).isTrue();
            AuditVerificationView beyond = resource.verify("3", view.head().hash());
            assertThat(beyond.valid()).isFalse();
            assertThat(beyond.firstBadRecord()).isEqualTo(3);
        }
    }

    @Test
    void verifyNamesTheFirstChangedRecordOfATamperedLog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (WeldContainer container = start(jsonl(file))) {
            callTwiceThenLogInAsAuditor(container);
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.set(0, lines.get(0).replace("\"principal\":\"adjuster1\"", "\"principal\":\"adjuster9\""));
            Files.write(file, lines, StandardCharsets.UTF_8);

            AuditVerificationView view = new StewardAuditResource().verify(null, null);

            assertThat(view.valid()).isFalse();
            assertThat(view.firstBadRecord()).isEqualTo(1);
            assertThat(view.reason()).contains("changed");
            assertThat(view.head()).isNull();
        }
    }

    @Test
    void verifyNeedsAnAuthenticatedAuditorAndWellFormedCheckpointParameters(@TempDir Path dir) {
        try (WeldContainer container = start(jsonl(dir.resolve("audit.jsonl")))) {
            callTwiceThenLogInAsAuditor(container);
            TestSecurityContext security =
                    container.select(TestSecurityContext.class).get();
            StewardAuditResource resource = new StewardAuditResource();

            assertThatThrownBy(() -> resource.verify("2", null))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(400));
            assertThatThrownBy(() -> resource.verify("0", "0".repeat(64)))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(400));
            assertThatThrownBy(() -> resource.verify("1", "xyz"))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(400));
            assertThatThrownBy(() -> resource.verify("one", "0".repeat(64)))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(400));

            security.login("adjuster1", "adjuster");
            assertThatThrownBy(() -> resource.verify(null, null))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(403));
            security.logout();
            assertThatThrownBy(() -> resource.verify(null, null))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(401));
        }
    }

    @Test
    void verifyAnswers501WhenTheSinkKeepsNoChain() {
        try (WeldContainer container = start(TestConfig.baseline())) {
            callTwiceThenLogInAsAuditor(container);

            assertThatThrownBy(() -> new StewardAuditResource().verify(null, null))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(501));
        }
    }

    @Test
    void searchSkipsAMalformedLineInsteadOfFailing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (WeldContainer container = start(jsonl(file))) {
            callTwiceThenLogInAsAuditor(container);
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.add(1, "{not json");
            Files.write(file, lines, StandardCharsets.UTF_8);

            List<AuditView> found = new StewardAuditResource().search(null, null, null, null, null);

            assertThat(found).hasSize(2).extracting(AuditView::principal).containsOnly("adjuster1");
        }
    }
}
