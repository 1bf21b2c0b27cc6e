package dev.steward.cdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cdi.it.ejb.LedgerApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Capabilities on EJBs, on Open Liberty: a stateless session bean writes a row through JPA and calls a governed
 * session bean in one container transaction. Steward's refusals, pending approvals and degraded answers reach the
 * caller as themselves, not wrapped in {@code EJBException}, leave the transaction committable, and make the server
 * write no first-failure data capture.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EjbTransactionsOnLibertyIT {

    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FFDC = Path.of(System.getProperty("steward.it.ffdc"));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Set<Path> ffdcBefore;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        File app = new File("src/test/liberty/app");
        File ejbApp = new File("src/test/liberty/ejb-app");
        File[] libs = Objects.requireNonNull(
                new File(System.getProperty("steward.it.lib")).listFiles((d, n) -> n.endsWith(".jar")),
                "run through Maven: the pom copies the runtime jars before integration tests");
        return ShrinkWrap.create(WebArchive.class, "steward-ejb-it.war")
                .addPackage(LedgerApplication.class.getPackage())
                .addAsWebInfResource(new File(app, "web.xml"), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new File(ejbApp, "persistence.xml"), "META-INF/persistence.xml")
                .addAsResource(
                        new File(ejbApp, "microprofile-config.properties"), "META-INF/microprofile-config.properties")
                .addAsResource(
                        new File(app, "prompts/claims.adjust/versions"),
                        "META-INF/steward/prompts/claims.adjust/versions")
                .addAsResource(
                        new File(app, "prompts/claims.adjust/v1.txt"), "META-INF/steward/prompts/claims.adjust/v1.txt")
                .addAsLibraries(libs)
                .addAsLibraries(new File(System.getProperty("steward.it.jar")));
    }

    @BeforeEach
    void rememberFirstFailureCaptures() {
        ffdcBefore = ffdcFiles();
    }

    @Test
    void statelessBeanCatchesAPendingApprovalTypedAndCommitsItsRow() throws Exception {
        JsonNode result = step("stateless", "E-1");

        assertThat(result.path("outcome").asText()).matches("ApprovalPendingException \\S+; rollback-only: false");
        assertCommitted("E-1");
        assertNoFirstFailureCaptureNamingSteward();
    }

    @Test
    void singletonCapabilityLeavesTheCallersTransactionCommittable() throws Exception {
        JsonNode result = step("singleton", "E-2");

        assertThat(result.path("outcome").asText()).matches("ApprovalPendingException \\S+; rollback-only: false");
        assertCommitted("E-2");
        assertNoFirstFailureCaptureNamingSteward();
    }

    @Test
    void capabilityCalledThroughItsLocalBusinessInterfaceBehavesTheSame() throws Exception {
        JsonNode result = step("local", "E-3");

        assertThat(result.path("outcome").asText()).matches("ApprovalPendingException \\S+; rollback-only: false");
        assertCommitted("E-3");
        assertNoFirstFailureCaptureNamingSteward();
    }

    @Test
    void refusalReachesTheCallerTypedAndDoesNotDoomItsTransaction() throws Exception {
        JsonNode result = step("denied", "E-4");

        assertThat(result.path("outcome").asText()).isEqualTo("CapabilityDeniedException; rollback-only: false");
        assertCommitted("E-4");
        assertNoFirstFailureCaptureNamingSteward();
    }

    @Test
    void degradedAnswerKeepsTheTransactionCommittable() throws Exception {
        JsonNode result = step("degraded", "E-5");

        assertThat(result.path("outcome").asText())
                .isEqualTo("answered: no model available for claim E-5; rollback-only: false");
        assertCommitted("E-5");
        assertNoFirstFailureCaptureNamingSteward();
    }

    @Test
    void pendingApprovalLeavingTheTransactionalBeanStillCommitsItsWork() throws Exception {
        JsonNode result = step("uncaught", "E-6");

        assertThat(result.path("escaped").asText()).isEqualTo("dev.steward.api.ApprovalPendingException");
        assertThat(result.path("approvalId").asText()).isNotBlank();
        assertCommitted("E-6");
        assertNoFirstFailureCaptureNamingSteward();
    }

    @Test
    void applicationThatDoomsItsOwnTransactionLosesTheRow() throws Exception {
        JsonNode result = step("rollback", "E-7");

        assertThat(result.path("outcome").asText())
                .isEqualTo("answered: rollback requested by the application; rollback-only: true");
        assertThat(send("GET", "api/ledger/entries/E-7").statusCode()).isEqualTo(404);
    }

    private JsonNode step(String step, String claimId) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "api/ledger/" + step + "/" + claimId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("escaped").asText())
                .as(response.body())
                .isIn("", "dev.steward.api.ApprovalPendingException");
        return result;
    }

    private void assertCommitted(String claimId) throws IOException, InterruptedException {
        assertThat(send("GET", "api/ledger/entries/" + claimId).statusCode())
                .as("the row written before the governed call was committed")
                .isEqualTo(200);
    }

    private void assertNoFirstFailureCaptureNamingSteward() {
        Set<Path> added = ffdcFiles();
        added.removeAll(ffdcBefore);
        assertThat(added)
                .as("first-failure data captures written for the calls")
                .filteredOn(f -> read(f).contains("dev.steward"))
                .isEmpty();
    }

    private static Set<Path> ffdcFiles() {
        if (!Files.isDirectory(FFDC)) {
            return new java.util.HashSet<>();
        }
        try (Stream<Path> files = Files.list(FFDC)) {
            return files.collect(Collectors.toCollection(java.util.HashSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(ADJUSTER.getBytes(StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
