package dev.steward.cdi.javax.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cdi.javax.it.app.ClaimsApplication;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Steward governing a Java EE 8 WAR on Open Liberty's Java EE 8 and MicroProfile 4 features: the WAR uses only
 * {@code javax.*} types and carries steward-cdi-javax in {@code WEB-INF/lib}; identity comes from the server's basic
 * registry through the javax {@code SecurityContext}; approvers and auditors act over HTTP. The tests run as
 * clients, over HTTP, against one server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StewardOnJavaEe8IT {

    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        File app = new File("src/test/liberty/app");
        File[] libs = Objects.requireNonNull(
                new File(System.getProperty("steward.it.lib")).listFiles((d, n) -> n.endsWith(".jar")),
                "run through Maven: the pom copies the runtime jars before integration tests");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "steward-javax-it.war")
                .addPackage(ClaimsApplication.class.getPackage())
                .addAsWebInfResource(new File(app, "web.xml"), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(
                        new File(app, "microprofile-config.properties"), "META-INF/microprofile-config.properties")
                .addAsLibraries(libs)
                .addAsLibraries(new File(System.getProperty("steward.it.jar")));
        for (String capability : List.of("claims.adjust", "claims.summarize", "claims.triage", "claims.escalate")) {
            for (String file : List.of("versions", "v1.txt")) {
                war.addAsResource(
                        new File(app, "prompts/" + capability + "/" + file),
                        "META-INF/steward/prompts/" + capability + "/" + file);
            }
        }
        return war;
    }

    @Test
    void holdsAnAnswerForApprovalAndReleasesItWhenASupervisorApprovesOverRest() throws Exception {
        HttpResponse<String> proposed = send(
                "POST",
                "api/claims/C-42/adjustment",
                ADJUSTER,
                null,
                Map.of("X-Tenant", "acme", "X-Correlation-Id", "corr-42"));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(202);
        JsonNode pending = JSON.readTree(proposed.body());
        assertThat(pending.path("error").asText()).isEqualTo("approval-pending");
        String approvalId = pending.path("approvalId").asText();
        assertThat(approvalId).isNotBlank();
        assertThat(send("GET", "api/claims/results/" + approvalId, ADJUSTER, null, Map.of())
                        .statusCode())
                .isEqualTo(202);

        HttpResponse<String> queue = send("GET", "api/steward/approvals", SUPERVISOR, null, Map.of());
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        JsonNode held = find(JSON.readTree(queue.body()), approvalId);
        assertThat(held.path("requester").asText()).isEqualTo("adjuster1");
        assertThat(held.path("tenant").asText()).isEqualTo("acme");
        assertThat(held.path("approverRole").asText()).isEqualTo("supervisor");
        assertThat(held.path("output").asText()).isEqualTo("model says: Propose an adjustment for claim C-42");

        HttpResponse<String> approved = send(
                "POST",
                "api/steward/approvals/" + approvalId + "/approve",
                SUPERVISOR,
                "{\"reason\":\"fair\"}",
                Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode decision = JSON.readTree(approved.body());
        assertThat(decision.path("status").asText()).isEqualTo("APPROVED");
        assertThat(decision.path("decidedBy").asText()).isEqualTo("supervisor1");
        assertThat(decision.path("reason").asText()).isEqualTo("fair");

        HttpResponse<String> released = send("GET", "api/claims/results/" + approvalId, ADJUSTER, null, Map.of());
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(released.body()).isEqualTo("model says: Propose an adjustment for claim C-42");
    }

    @Test
    void showsApproversOnlyWhatTheyMayDecideAndRefusesSelfApproval() throws Exception {
        String approvalId = JSON.readTree(send("POST", "api/claims/C-43/adjustment", ADJUSTER, null, Map.of())
                        .body())
                .path("approvalId")
                .asText();

        assertThat(JSON.readTree(send("GET", "api/steward/approvals", ADJUSTER, null, Map.of())
                        .body()))
                .isEmpty();
        HttpResponse<String> selfApproval = send(
                "POST",
                "api/steward/approvals/" + approvalId + "/approve",
                ADJUSTER,
                "{\"reason\":\"mine\"}",
                Map.of());
        assertThat(selfApproval.statusCode()).as(selfApproval.body()).isEqualTo(403);
        assertThat(JSON.readTree(selfApproval.body()).path("error").asText()).isNotBlank();
    }

    @Test
    void neverReleasesARejectedAnswer() throws Exception {
        String approvalId = JSON.readTree(send("POST", "api/claims/C-44/adjustment", ADJUSTER, null, Map.of())
                        .body())
                .path("approvalId")
                .asText();

        HttpResponse<String> rejected = send(
                "POST",
                "api/steward/approvals/" + approvalId + "/reject",
                SUPERVISOR,
                "{\"reason\":\"too generous\"}",
                Map.of());
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(JSON.readTree(rejected.body()).path("status").asText()).isEqualTo("REJECTED");

        HttpResponse<String> result = send("GET", "api/claims/results/" + approvalId, ADJUSTER, null, Map.of());
        assertThat(result.statusCode()).as(result.body()).isEqualTo(409);
        assertThat(result.body()).doesNotContain("model says");
    }

    @Test
    void deniesACallerWithoutTheCapabilitysRoleWith403AndAuditsIt() throws Exception {
        HttpResponse<String> denied = send("POST", "api/claims/C-7/adjustment", SUPERVISOR, null, Map.of());

        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).path("error").asText()).isEqualTo("capability-denied");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(observed("sync"))
                        .anyMatch(s -> s.startsWith("claims.adjust|DENIED|supervisor1|null|")));
    }

    @Test
    void auditsTheCallerTenantAndCorrelationFromTheRequestAndServesTheRecordsOverRest() throws Exception {
        assertThat(send(
                                "POST",
                                "api/claims/C-50/summary",
                                ADJUSTER,
                                null,
                                Map.of("X-Tenant", "globex", "X-Correlation-Id", "corr-50"))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> audit =
                send("GET", "api/steward/audit?capability=claims.summarize", SUPERVISOR, null, Map.of());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(JSON.readTree(audit.body()))
                .filteredOn(r -> r.path("correlationId").asText().equals("corr-50"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.path("outcome").asText()).isEqualTo("SUCCEEDED");
                    assertThat(r.path("principal").asText()).isEqualTo("adjuster1");
                    assertThat(r.path("tenant").asText()).isEqualTo("globex");
                    assertThat(r.path("source").asText()).endsWith("ClaimSummaries#summarize");
                });
    }

    @Test
    void refusesAuditRecordsToCallersWithoutAnAuditRole() throws Exception {
        assertThat(send("GET", "api/steward/audit", ADJUSTER, null, Map.of()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesUnauthenticatedCallers() throws Exception {
        assertThat(send("GET", "api/steward/approvals", null, null, Map.of()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void governsASessionBeanMethodInsideItsContainerTransaction() throws Exception {
        HttpResponse<String> summary =
                send("POST", "api/claims/C-60/summary", ADJUSTER, null, Map.of("X-Tenant", "initech"));

        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(summary.body()).isEqualTo("model says: Summarize claim C-60");
        // the synchronous observer runs on the governed call's thread, inside the session bean's transaction
        assertThat(observed("sync")).contains("claims.summarize|SUCCEEDED|adjuster1|initech|tx");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(observed("async")).contains("claims.summarize|SUCCEEDED|adjuster1|initech"));
    }

    @Test
    void aRefusalInsideASessionBeanReachesTheCallerTypedAndLeavesItsTransactionCommittable() throws Exception {
        HttpResponse<String> refused = send("POST", "api/claims/C-80/escalation", ADJUSTER, null, Map.of());

        // StewardException is a javax.ejb application exception without rollback: the mapper still sees the typed
        // exception, not an EJBException, and the session bean's own work commits
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("capability-denied");
        List<String> transactions = new ArrayList<>();
        JSON.readTree(send("GET", "api/probe/transactions", ADJUSTER, null, Map.of())
                        .body())
                .forEach(n -> transactions.add(n.asText()));
        assertThat(transactions).contains("C-80|committed").doesNotContain("C-80|rolled-back");
    }

    @Test
    void faultToleranceRetriesTheWholeGovernedCallWithOneAuditRecordPerAttempt() throws Exception {
        HttpResponse<String> triage =
                send("POST", "api/claims/C-70/triage", ADJUSTER, null, Map.of("X-Correlation-Id", "corr-70"));

        assertThat(triage.statusCode()).as(triage.body()).isEqualTo(200);
        assertThat(triage.body()).isEqualTo("flaky says: Triage claim C-70");
        HttpResponse<String> audit =
                send("GET", "api/steward/audit?capability=claims.triage", SUPERVISOR, null, Map.of());
        assertThat(JSON.readTree(audit.body()))
                .filteredOn(r -> r.path("correlationId").asText().equals("corr-70"))
                .extracting(r -> r.path("outcome").asText())
                .containsExactlyInAnyOrder("FAILED", "SUCCEEDED");
    }

    private static JsonNode find(JsonNode array, String approvalId) {
        for (JsonNode n : array) {
            if (n.path("id").asText().equals(approvalId)) {
                return n;
            }
        }
        throw new AssertionError("approval " + approvalId + " is not in " + array);
    }

    private List<String> observed(String kind) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        JSON.readTree(send("GET", "api/probe/audit-events", ADJUSTER, null, Map.of())
                        .body())
                .path(kind)
                .forEach(n -> out.add(n.asText()));
        return out;
    }

    private HttpResponse<String> send(
            String method, String path, String credentials, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
