package dev.steward.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.AuditRecord;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import dev.steward.spring.support.SettlementService;
import dev.steward.spring.support.TestProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** A call held at a tool call, resumed over real HTTP by its caller only, behind Spring Security. */
@SpringBootTest(
        classes = RestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "steward.spring.rest.enabled=true",
            "steward.audit.sink=memory",
            "steward.capability.claims.adjust.allowed-roles=adjuster",
            "management.endpoints.web.exposure.include=steward"
        })
class ResumeOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    TestProvider provider;

    @Autowired
    SettlementService settlements;

    @Autowired
    Steward steward;

    @AfterEach
    void restoreTheModel() {
        provider.answerWith(TestProvider::echo);
    }

    private HttpResponse<String> post(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> approve(String id) throws Exception {
        return post("/steward/approvals/" + id + "/approve", "supervisor1");
    }

    @Test
    void theCallerResumesTheApprovedPaymentOnceOthersAreRefused() throws Exception {
        provider.answerWith(SettlementService::settlingModel);
        int paid = settlements.payments().size();
        HttpResponse<String> held = post("/claims/C-1/settlement", "adjuster1");
        assertThat(held.statusCode()).isEqualTo(202);
        String id = json(held).get("approvalId").asText();

        HttpResponse<String> early = post("/steward/approvals/" + id + "/resume", "adjuster1");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).get("error").asText()).isEqualTo("approval-pending");
        assertThat(approve(id).statusCode()).isEqualTo(200);

        HttpResponse<String> stranger = post("/steward/approvals/" + id + "/resume", "adjuster2");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json(stranger).get("error").asText()).isEqualTo("approval-not-allowed");
        assertThat(settlements.payments()).hasSize(paid);

        HttpResponse<String> resumed = post("/steward/approvals/" + id + "/resume", "adjuster1");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(resumed).get("text").asText()).isEqualTo("done: PAY-" + (paid + 1));
        assertThat(json(resumed).get("model").asText()).isEqualTo("m");
        assertThat(json(resumed).get("degraded").asBoolean()).isFalse();
        assertThat(settlements.payments()).hasSize(paid + 1).last().isEqualTo("C-1:900");

        HttpResponse<String> again = post("/steward/approvals/" + id + "/resume", "adjuster1");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("approval-resumed");
        assertThat(settlements.payments()).hasSize(paid + 1);
    }

    @Test
    void aResumedConversationHeldAgainAnswersAcceptedWithTheNextRequest() throws Exception {
        // pays twice: the second payment is held again after the first one resumes
        provider.answerWith(r -> {
            ChatMessage last = r.messages().get(r.messages().size() - 1);
            TokenUsage usage = new TokenUsage(1, 1);
            if (last.role() == ChatMessage.Role.USER || last.toolCallId().equals("call_1")) {
                String call = last.role() == ChatMessage.Role.USER ? "call_1" : "call_2";
                return InferenceResponse.toolCalls(
                        List.of(new ToolCall(call, "issuePayment", "{\"claimId\":\"C-2\",\"amount\":10}")),
                        "",
                        "m",
                        usage);
            }
            return InferenceResponse.of("done: " + last.content(), "m", usage);
        });
        String first = json(post("/claims/C-2/settlement", "adjuster1"))
                .get("approvalId")
                .asText();
        approve(first);

        HttpResponse<String> heldAgain = post("/steward/approvals/" + first + "/resume", "adjuster1");

        assertThat(heldAgain.statusCode()).isEqualTo(202);
        JsonNode next = json(heldAgain);
        assertThat(next.get("id").asText()).isNotEqualTo(first);
        assertThat(next.get("status").asText()).isEqualTo("PENDING");
        assertThat(next.get("capability").asText()).isEqualTo("claims.propose-settlement");
        assertThat(next.get("approverRole").asText()).isEqualTo("supervisor");
        approve(next.get("id").asText());
        HttpResponse<String> done = post("/steward/approvals/" + next.get("id").asText() + "/resume", "adjuster1");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done).get("text").asText()).startsWith("done: PAY-");
    }

    @Test
    void anUnknownIdIsNotFoundAndTheRefusalIsAudited() throws Exception {
        HttpResponse<String> unknown = post("/steward/approvals/no-such-id/resume", "adjuster2");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("approval-not-found");
        assertThat(json(unknown).get("approvalId").asText()).isEqualTo("no-such-id");
        AuditRecord refused = steward.auditTrail()
                .orElseThrow()
                .search(new AuditQuery(null, "adjuster2", null, null, 1))
                .get(0);
        assertThat(refused.outcome()).isEqualTo(Outcome.APPROVAL_REFUSED);
        assertThat(refused.approvalId()).isEqualTo("no-such-id");
        assertThat(refused.reason()).isEqualTo("unknown request: resume refused");
    }
}
