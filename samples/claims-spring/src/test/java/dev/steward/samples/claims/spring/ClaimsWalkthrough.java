package dev.steward.samples.claims.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The sample's walkthrough over real HTTP, as a user would go through it; each subclass picks a database. */
abstract class ClaimsWalkthrough {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
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

    /** The number of audit records in the table of the given prefix. */
    static long auditRows(Connection c, String tablePrefix) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + tablePrefix + "audit")) {
            r.next();
            return r.getLong(1);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void theLibertySamplesApprovalConsoleIsServedWithTheApiItCalls() throws Exception {
        assertThat(send("GET", "/console/index.html", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = send("GET", "/console/", "supervisor1", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("console.js");
        assertThat(send("GET", "/console/console.js", "supervisor1", null).body())
                .contains("steward/approvals")
                .contains("steward/audit");
        assertThat(json(send("GET", "/api/me", "supervisor1", null)).get("name").asText())
                .isEqualTo("supervisor1");
        assertThat(send("GET", "/api/steward/approvals", "supervisor1", null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/steward/audit?limit=50", "supervisor1", null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAdjusterReadsTriagesAndSummarizesClaims() throws Exception {
        assertThat(send("GET", "/api/claims", null, null).statusCode()).isEqualTo(401);
        JsonNode claims = json(send("GET", "/api/claims", "adjuster1", null));
        assertThat(claims.findValuesAsText("id")).contains("C-1001", "C-1002", "C-1003", "C-1004");

        JsonNode summary = json(send("POST", "/api/claims/C-1001/summary", "adjuster1", null));
        assertThat(summary.get("degraded").asBoolean()).isTrue();
        assertThat(summary.get("summary").asText()).startsWith("A pipe burst in the kitchen overnight.");

        HttpResponse<String> triage = send("POST", "/api/claims/C-1002/triage", "adjuster1", null);
        assertThat(triage.statusCode()).isEqualTo(200);
        assertThat(json(triage).get("team").asText()).isNotBlank();
        assertThat(json(triage).get("confidence").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void aLetterIsHeldUntilASupervisorApprovesItAndOnlyTheRequesterOrApproverReadsIt() throws Exception {
        HttpResponse<String> held =
                send("POST", "/api/claims/C-1002/letter", "adjuster1", "{\"decision\":\"We pay 1850 EUR.\"}");
        assertThat(held.statusCode()).isEqualTo(202);
        String id = json(held).get("approvalId").asText();

        assertThat(json(send("GET", "/api/steward/approvals", "supervisor1", null))
                        .findValuesAsText("id"))
                .contains(id);
        assertThat(send("GET", "/api/steward/approvals/" + id + "/result", "adjuster1", null)
                        .statusCode())
                .isEqualTo(202);
        assertThat(send("POST", "/api/steward/approvals/" + id + "/approve", "adjuster2", "{}")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> approved =
                send("POST", "/api/steward/approvals/" + id + "/approve", "supervisor1", "{\"reason\":\"correct\"}");
        assertThat(json(approved).get("status").asText()).isEqualTo("APPROVED");

        HttpResponse<String> letter = send("GET", "/api/steward/approvals/" + id + "/result", "adjuster1", null);
        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(json(letter).get("output").asText())
                .startsWith("Dear Jonas Weber,")
                .contains("claim C-1002. We pay 1850 EUR.");
        assertThat(send("GET", "/api/steward/approvals/" + id + "/result", "adjuster2", null)
                        .statusCode())
                .isEqualTo(403);

        JsonNode audit = json(send("GET", "/api/steward/audit?capability=claims.draft-letter", "supervisor1", null));
        assertThat(audit.findValuesAsText("approvalId")).contains(id);
        assertThat(send("GET", "/api/steward/audit", "adjuster1", null).statusCode())
                .isEqualTo(403);
        JsonNode operator = json(send("GET", "/actuator/steward", "supervisor1", null));
        assertThat(operator.get("capabilities").findValuesAsText("name"))
                .containsExactly("claims.draft-letter", "claims.summarize", "claims.triage");
        // the register the build generated, merged with the live configuration
        JsonNode register = operator.get("register");
        assertThat(register).hasSize(3);
        JsonNode letters = null;
        for (JsonNode c : register) {
            if (c.get("name").asText().equals("claims.draft-letter")) {
                letters = c;
            }
        }
        assertThat(letters).isNotNull();
        assertThat(letters.get("source").asText()).isEqualTo(ClaimAssistant.class.getName() + "#draftLetter");
        assertThat(letters.get("enabled").asBoolean()).isTrue();
        assertThat(letters.get("route").asText()).isEqualTo("letters");
        assertThat(letters.path("approval").path("role").asText()).isEqualTo("supervisor");
        assertThat(letters.path("prompt").path("version").asText()).isEqualTo("v1");
        assertThat(letters.path("prompt").path("sha256").asText()).hasSize(64);
    }
}
