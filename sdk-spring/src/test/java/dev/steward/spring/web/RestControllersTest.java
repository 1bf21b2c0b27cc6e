package dev.steward.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The opt-in controllers over real HTTP, behind Spring Security's basic authentication. */
@SpringBootTest(
        classes = RestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "steward.spring.rest.enabled=true",
            "steward.audit.sink=memory",
            "steward.capability.claims.adjust.allowed-roles=adjuster",
            "management.endpoints.web.exposure.include=steward"
        })
class RestControllersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    private HttpResponse<String> send(String method, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        method.equals("POST")
                                ? HttpRequest.BodyPublishers.ofString("{\"reason\":\"checked\"}")
                                : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aHeldAnswerIsDecidedAndReadOverHttpByWhoMayOnly() throws Exception {
        HttpResponse<String> held = send("POST", "/claims/C-5/adjustment", "adjuster1");
        assertThat(held.statusCode()).isEqualTo(202);
        JsonNode pending = json(held);
        assertThat(pending.get("error").asText()).isEqualTo("approval-pending");
        String id = pending.get("approvalId").asText();

        assertThat(json(send("GET", "/steward/approvals", "adjuster1"))).isEmpty();
        JsonNode mine = null;
        for (JsonNode request : json(send("GET", "/steward/approvals", "supervisor1"))) {
            if (request.get("id").asText().equals(id)) {
                mine = request;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("requester").asText()).isEqualTo("adjuster1");
        assertThat(mine.get("status").asText()).isEqualTo("PENDING");
        assertThat(mine.get("output").asText()).isEqualTo("answer to: Propose an adjustment for claim C-5");
        assertThat(mine.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

        HttpResponse<String> early = send("GET", "/steward/approvals/" + id + "/result", "adjuster1");
        assertThat(early.statusCode()).isEqualTo(202);

        HttpResponse<String> selfApproval = send("POST", "/steward/approvals/" + id + "/approve", "adjuster1");
        assertThat(selfApproval.statusCode()).isEqualTo(403);
        assertThat(json(selfApproval).get("error").asText()).isEqualTo("approval-not-allowed");

        HttpResponse<String> approved = send("POST", "/steward/approvals/" + id + "/approve", "supervisor1");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).get("status").asText()).isEqualTo("APPROVED");
        assertThat(json(approved).get("reason").asText()).isEqualTo("checked");

        HttpResponse<String> result = send("GET", "/steward/approvals/" + id + "/result", "adjuster1");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(json(result).get("id").asText()).isEqualTo(id);
        assertThat(json(result).get("output").asText()).isEqualTo("answer to: Propose an adjustment for claim C-5");
        assertThat(send("GET", "/steward/approvals/" + id + "/result", "supervisor1")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> stranger = send("GET", "/steward/approvals/" + id + "/result", "adjuster2");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json(stranger).get("error").asText()).isEqualTo("approval-not-allowed");
    }

    @Test
    void auditRecordsAreForAuditorsAndBadParametersAreNamed() throws Exception {
        send("POST", "/claims/C-6/adjustment", "adjuster1");
        assertThat(send("GET", "/steward/audit", null).statusCode()).isEqualTo(401);
        HttpResponse<String> notAuditor = send("GET", "/steward/audit", "adjuster1");
        assertThat(notAuditor.statusCode()).isEqualTo(403);
        assertThat(json(notAuditor).get("error").asText()).isEqualTo("audit-not-allowed");

        JsonNode records = json(send("GET", "/steward/audit?capability=claims.adjust&user=adjuster1", "auditor1"));
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).get("capability").asText()).isEqualTo("claims.adjust");
        assertThat(records.get(0).get("principal").asText()).isEqualTo("adjuster1");
        assertThat(records.get(0).has("attempts")).isTrue();

        HttpResponse<String> badLimit = send("GET", "/steward/audit?limit=0", "auditor1");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).get("message").asText()).isEqualTo("limit must be in [1, 1000]");
        HttpResponse<String> badFrom = send("GET", "/steward/audit?from=yesterday", "auditor1");
        assertThat(badFrom.statusCode()).isEqualTo(400);
        assertThat(json(badFrom).get("message").asText()).contains("from must be an ISO-8601 instant");

        HttpResponse<String> verify = send("GET", "/steward/audit/verify", "auditor1");
        assertThat(verify.statusCode()).isEqualTo(501);
        assertThat(json(verify).get("error").asText()).isEqualTo("audit-not-verifiable");
    }

    @Test
    void theActuatorEndpointShowsCapabilitiesRoutesCircuitsAndTheQueueWithoutAnswers() throws Exception {
        String id = json(send("POST", "/claims/C-8/adjustment", "adjuster1"))
                .get("approvalId")
                .asText();
        HttpResponse<String> response = send("GET", "/actuator/steward", "supervisor1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode view = json(response);
        assertThat(view.get("capabilities").findValuesAsText("name"))
                .containsExactly("claims.adjust", "claims.classify", "claims.propose-settlement", "claims.summarize");
        assertThat(view.get("routes").get("default").get(0).asText()).isEqualTo("test");
        assertThat(view.get("circuits").get("test").asText()).isEqualTo("CLOSED");
        assertThat(view.get("pendingApprovals").findValuesAsText("id")).contains(id);
        assertThat(response.body()).doesNotContain("Propose an adjustment");
    }
}
