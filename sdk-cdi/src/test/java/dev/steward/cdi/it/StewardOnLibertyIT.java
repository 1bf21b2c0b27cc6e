package dev.steward.cdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cdi.it.app.ClaimsApplication;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * Steward governing a WAR deployed on Open Liberty: the SDK jars sit in {@code WEB-INF/lib} as in a user's
 * application, identity comes from the server's basic registry through Jakarta Security, and approvers act over
 * HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StewardOnLibertyIT {

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
        return ShrinkWrap.create(WebArchive.class, "steward-it.war")
                .addPackage(ClaimsApplication.class.getPackage())
                .addAsWebInfResource(new File(app, "web.xml"), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(
                        new File(app, "microprofile-config.properties"), "META-INF/microprofile-config.properties")
                .addAsResource(
                        new File(app, "prompts/claims.adjust/versions"),
                        "META-INF/steward/prompts/claims.adjust/versions")
                .addAsResource(
                        new File(app, "prompts/claims.adjust/v1.txt"), "META-INF/steward/prompts/claims.adjust/v1.txt")
                .addAsResource(
                        new File(app, "prompts/claims.triage/versions"),
                        "META-INF/steward/prompts/claims.triage/versions")
                .addAsResource(
                        new File(app, "prompts/claims.triage/v1.txt"), "META-INF/steward/prompts/claims.triage/v1.txt")
                .addAsResource(
                        new File(app, "prompts/claims.settle/versions"),
                        "META-INF/steward/prompts/claims.settle/versions")
                .addAsResource(
                        new File(app, "prompts/claims.settle/v1.txt"), "META-INF/steward/prompts/claims.settle/v1.txt")
                .addAsLibraries(libs)
                .addAsLibraries(new File(System.getProperty("steward.it.jar")));
    }

    @Test
    void governsTheDeployedWarFromRequestToApprovalAndAudit() throws Exception {
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

        HttpResponse<String> stillPending = send("GET", "api/claims/results/" + approvalId, ADJUSTER, null, Map.of());
        assertThat(stillPending.statusCode()).isEqualTo(202);

        // the adjuster holds no approver role: sees nothing to decide and may not decide
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

        HttpResponse<String> queue = send("GET", "api/steward/approvals", SUPERVISOR, null, Map.of());
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        JsonNode held = JSON.readTree(queue.body());
        assertThat(held).hasSize(1);
        assertThat(held.get(0).path("id").asText()).isEqualTo(approvalId);
        assertThat(held.get(0).path("requester").asText()).isEqualTo("adjuster1");
        assertThat(held.get(0).path("tenant").asText()).isEqualTo("acme");
        assertThat(held.get(0).path("output").asText()).isEqualTo("model says: Propose an adjustment for claim C-42");

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

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode observed = JSON.readTree(send("GET", "api/probe/audit-events", ADJUSTER, null, Map.of())
                    .body());
            assertThat(texts(observed.path("sync")))
                    .contains("claims.adjust|PENDING_APPROVAL|adjuster1|acme")
                    .anyMatch(s -> s.startsWith("claims.adjust|APPROVED|"));
            assertThat(texts(observed.path("async"))).contains("claims.adjust|PENDING_APPROVAL|adjuster1|acme");
        });

        HttpResponse<String> audit =
                send("GET", "api/steward/audit?capability=claims.adjust", SUPERVISOR, null, Map.of());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(JSON.readTree(audit.body()))
                .extracting(r -> r.path("outcome").asText())
                .contains("PENDING_APPROVAL", "APPROVED");
        assertThat(JSON.readTree(audit.body()))
                .filteredOn(r -> r.path("outcome").asText().equals("PENDING_APPROVAL"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.path("correlationId").asText()).isEqualTo("corr-42");
                    assertThat(r.path("tenant").asText()).isEqualTo("acme");
                    assertThat(r.path("source").asText()).endsWith("AdjustmentService#propose");
                });
    }

    @Test
    void deniesACallerWithoutTheCapabilitysRoleWith403AndAuditsIt() throws Exception {
        HttpResponse<String> denied = send("POST", "api/claims/C-7/adjustment", SUPERVISOR, null, Map.of());

        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).path("error").asText()).isEqualTo("capability-denied");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                texts(JSON.readTree(send("GET", "api/probe/audit-events", SUPERVISOR, null, Map.of())
                                                .body())
                                        .path("sync")))
                        .contains("claims.adjust|DENIED|supervisor1|null"));
    }

    @Test
    void refusesAuditRecordsToCallersWithoutAnAuditRole() throws Exception {
        assertThat(send("GET", "api/steward/audit", ADJUSTER, null, Map.of()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aCapabilityMethodReturnsTheModelsAnswerAsARecord() throws Exception {
        HttpResponse<String> triaged = send(
                "POST", "api/claims/C-7/triage", ADJUSTER, null, Map.of("X-Tenant", "acme", "X-Correlation-Id", "c-7"));

        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);
        assertThat(triaged.body()).isEqualTo("STANDARD|0.7|Triage claim C-7");
        HttpResponse<String> audit =
                send("GET", "api/steward/audit?capability=claims.triage", SUPERVISOR, null, Map.of());
        assertThat(JSON.readTree(audit.body()))
                .singleElement()
                .satisfies(r -> assertThat(r.path("outcome").asText()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void refusesUnauthenticatedCallers() throws Exception {
        assertThat(send("GET", "api/steward/approvals", null, null, Map.of()).statusCode())
                .isEqualTo(401);
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
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
