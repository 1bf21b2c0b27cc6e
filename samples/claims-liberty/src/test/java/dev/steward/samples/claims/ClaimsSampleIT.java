package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.AlphabetModel;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.PortkeyGateway;
import dev.steward.providers.testing.Requests;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample end to end on Open Liberty, over HTTP as its users reach it: the WAR that {@code package} built is
 * deployed as is, with the Steward jars in {@code WEB-INF/lib}, on the embedded defaults (no gateway, no model).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimsSampleIT {

    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final String ADJUSTER2 = "adjuster2:adjuster2-demo";
    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/claims-liberty.war"));
    }

    @Test
    void triageRoutesEachClaimToItsTeamWithAConfidence() throws Exception {
        assertTeam("C-1001", "property");
        assertTeam("C-1002", "motor");
        assertTeam("C-1003", "injury");
    }

    private void assertTeam(String claim, String team) throws Exception {
        HttpResponse<String> r = send("POST", "api/claims/" + claim + "/triage", ADJUSTER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("team").asText()).isEqualTo(team);
        assertThat(body.path("confidence").asDouble()).isBetween(0.0, 1.0).isGreaterThan(0.0);
        // the typed answer's reasons: the labelled examples of that team nearest to the claim, as the classifier
        // filled them into the record's JSON Schema
        assertThat(body.path("reasons")).isNotEmpty();
        for (JsonNode reason : body.path("reasons")) {
            assertThat(reason.asText()).matches("like \".+\" \\(similarity 0\\.\\d\\d\\)");
            String example = reason.asText().substring(6, reason.asText().lastIndexOf("\" (similarity"));
            assertThat(EXAMPLES).containsEntry(example, team);
        }
    }

    // the classifier's labelled examples in the WAR, text to label
    private static final java.util.Map<String, String> EXAMPLES = examples();

    private static java.util.Map<String, String> examples() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try {
            for (String line :
                    Files.readAllLines(Path.of("src/main/resources/META-INF/steward/examples/claims-triage.jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    out.put(n.path("text").asText(), n.path("label").asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void aSettlementsPaymentWaitsForTheSupervisorAndIsIssuedOnceWhenTheAdjusterResumes() throws Exception {
        HttpResponse<String> held = send("POST", "api/claims/C-1003/settlement", ADJUSTER, null, "acme");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        String approvalId = JSON.readTree(held.body()).path("approvalId").asText();
        assertThat(approvalId).isNotBlank();
        assertThat(payments("C-1003")).isEmpty();

        HttpResponse<String> early =
                send("POST", "api/claims/settlements/" + approvalId + "/resume", ADJUSTER, null, "acme");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(202);
        HttpResponse<String> selfApproval =
                send("POST", "api/steward/approvals/" + approvalId + "/approve", ADJUSTER, "{\"reason\":\"mine\"}");
        assertThat(selfApproval.statusCode()).as(selfApproval.body()).isEqualTo(403);

        HttpResponse<String> listed = send("GET", "api/steward/approvals", SUPERVISOR, null);
        JsonNode request = null;
        for (JsonNode r : JSON.readTree(listed.body())) {
            if (approvalId.equals(r.path("id").asText())) {
                request = r;
            }
        }
        assertThat(request).as(listed.body()).isNotNull();
        assertThat(request.path("capability").asText()).isEqualTo("claims.propose-settlement");
        // the supervisor decides on the tool call itself: the tool and its arguments as the model wrote them
        JsonNode held0 = JSON.readTree(request.path("output").asText());
        assertThat(held0.path("tool").asText()).isEqualTo("issuePayment");
        assertThat(held0.path("arguments").path("claimId").asText()).isEqualTo("C-1003");
        assertThat(held0.path("arguments").path("amount").decimalValue()).isEqualByComparingTo("8000");

        HttpResponse<String> approved =
                send("POST", "api/steward/approvals/" + approvalId + "/approve", SUPERVISOR, "{\"reason\":\"ok\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> notTheRequester =
                send("POST", "api/claims/settlements/" + approvalId + "/resume", ADJUSTER2, null, "globex");
        assertThat(notTheRequester.statusCode()).as(notTheRequester.body()).isEqualTo(403);
        assertThat(notTheRequester.body()).contains("approval-not-allowed");
        // nor can another adjuster claim the requester's tenant: the sample's tenant check refuses the header
        HttpResponse<String> otherTenant =
                send("POST", "api/claims/settlements/" + approvalId + "/resume", ADJUSTER2, null, "acme");
        assertThat(otherTenant.statusCode()).as(otherTenant.body()).isEqualTo(403);
        assertThat(otherTenant.body())
                .contains("tenant-not-yours")
                .contains("'adjuster2' does not belong to tenant 'acme'");
        assertThat(payments("C-1003")).isEmpty();

        HttpResponse<String> resumed =
                send("POST", "api/claims/settlements/" + approvalId + "/resume", ADJUSTER, null, "acme");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(JSON.readTree(resumed.body()).path("proposal").asText())
                .matches("Proposal for claim C-1003: pay 8000 EUR under policy P-2003 \\(cover limit 8000 EUR,"
                        + " deductible 0 EUR\\)\\. Payment PAY-\\d{4} of 8000 EUR was issued\\.");

        HttpResponse<String> again =
                send("POST", "api/claims/settlements/" + approvalId + "/resume", ADJUSTER, null, "acme");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
        assertThat(again.body()).contains("has already resumed");
        JsonNode payments = payments("C-1003");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).path("amount").decimalValue()).isEqualByComparingTo("8000");

        // the tool calls' own audit records, linked to the capability call's records by steward.call-id
        JsonNode records = audit("claims.propose-settlement", "adjuster1");
        List<String> toolCalls = new ArrayList<>();
        java.util.Set<String> callIds = new java.util.HashSet<>();
        for (JsonNode r : records) {
            JsonNode tags = r.path("tags");
            if (tags.has("steward.tool.name")) {
                toolCalls.add(
                        0,
                        tags.path("steward.tool.name").asText() + ":"
                                + r.path("outcome").asText());
                assertThat(tags.path("steward.tool.arguments-sha256").asText()).hasSize(64);
                assertThat(r.path("source").asText()).startsWith(ClaimTools.class.getName() + "#");
                assertThat(r.path("tenant").asText()).isEqualTo("acme");
                callIds.add(tags.path("steward.call-id").asText());
            }
        }
        assertThat(toolCalls)
                .containsSubsequence(
                        "lookupPolicy:SUCCEEDED", "issuePayment:PENDING_APPROVAL", "issuePayment:SUCCEEDED");
        assertThat(toolCalls)
                .filteredOn(t -> t.equals("issuePayment:SUCCEEDED"))
                .hasSize(1);
        assertThat(records.findValuesAsText("outcome")).contains("PENDING_APPROVAL", "SUCCEEDED");
        assertThat(callIds).isNotEmpty().doesNotContain("");
    }

    @Test
    void anAdjusterOfAnotherTenantIsRefusedThePaymentByTheToolsAuthorization() throws Exception {
        HttpResponse<String> r = send("POST", "api/claims/C-1004/settlement", ADJUSTER2, null, "globex");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("proposal").asText())
                .isEqualTo("Proposal for claim C-1004: pay 2800 EUR under policy P-2004 (cover limit 3000 EUR,"
                        + " deductible 200 EUR). The payment was not issued: the caller may not run this tool.");
        assertThat(payments("C-1004")).isEmpty();
        JsonNode denied = null;
        for (JsonNode record : audit("claims.propose-settlement", "adjuster2")) {
            if (record.path("tags").path("steward.tool.name").asText().equals("issuePayment")) {
                denied = record;
                break;
            }
        }
        assertThat(denied).as("the audit record of the refused payment").isNotNull();
        assertThat(denied.path("outcome").asText()).isEqualTo("DENIED");
        assertThat(denied.path("tenant").asText()).isEqualTo("globex");
        assertThat(denied.path("reason").asText()).contains("globex");
    }

    @Test
    void withTheGatewayUpTheSettlementsToolCallsComeFromTheModelBehindIt() throws Exception {
        int upstreamPort = Integer.getInteger("it.upstream.port");
        int gatewayPort = Integer.getInteger("it.gateway.port");
        // a scripted model behind the real Portkey gateway: it asks for the policy, then for the payment, then answers
        try (OpenAiCompatibleServer upstream = OpenAiCompatibleServer.start(null, upstreamPort);
                PortkeyGateway gateway = PortkeyGateway.start(gatewayPort)) {
            upstream.behave(OpenAiCompatibleServer.script(
                    OpenAiCompatibleServer.toolCall("call_a", "lookupPolicy", "{\"policyId\":\"P-2002\"}"),
                    OpenAiCompatibleServer.toolCall(
                            "call_b", "issuePayment", "{\"claimId\":\"C-1002\",\"amount\":1550}"),
                    OpenAiCompatibleServer.assistant("Paid 1550 EUR on claim C-1002.")));
            HttpResponse<String> held = send("POST", "api/claims/C-1002/settlement", ADJUSTER, null, "acme");
            assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
            String approvalId = JSON.readTree(held.body()).path("approvalId").asText();

            List<JsonNode> chats = chats(upstream);
            assertThat(chats).hasSize(2);
            JsonNode first = chats.get(0);
            assertThat(first.path("tools").findValuesAsText("name")).containsExactly("lookupPolicy", "issuePayment");
            assertThat(first.path("user").asText()).isEqualTo("adjuster1");
            JsonNode second = chats.get(1).path("messages");
            JsonNode policy = second.get(second.size() - 1);
            assertThat(policy.path("role").asText()).isEqualTo("tool");
            assertThat(policy.path("tool_call_id").asText()).isEqualTo("call_a");
            assertThat(JSON.readTree(policy.path("content").asText())
                            .path("holder")
                            .asText())
                    .isEqualTo("Jonas Weber");

            assertThat(send(
                                    "POST",
                                    "api/steward/approvals/" + approvalId + "/approve",
                                    SUPERVISOR,
                                    "{\"reason\":\"ok\"}")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> resumed =
                    send("POST", "api/claims/settlements/" + approvalId + "/resume", ADJUSTER, null, "acme");
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
            assertThat(JSON.readTree(resumed.body()).path("proposal").asText())
                    .isEqualTo("Paid 1550 EUR on claim C-1002.");
            JsonNode third = chats(upstream).get(2).path("messages");
            JsonNode receipt =
                    JSON.readTree(third.get(third.size() - 1).path("content").asText());
            assertThat(receipt.path("claimId").asText()).isEqualTo("C-1002");
            assertThat(receipt.path("amount").decimalValue()).isEqualByComparingTo("1550");
        }
        assertThat(payments("C-1002")).hasSize(1);
        JsonNode latest = null;
        for (JsonNode record : audit("claims.propose-settlement", "adjuster1")) {
            if (!record.path("tags").has("steward.tool.name")) {
                latest = record;
                break;
            }
        }
        assertThat(latest).isNotNull();
        assertThat(latest.path("provider").asText()).isEqualTo("gateway");
        assertThat(latest.path("model").asText()).isEqualTo("scripted");
        assertThat(latest.path("outcome").asText()).isEqualTo("SUCCEEDED");
    }

    private static List<JsonNode> chats(OpenAiCompatibleServer upstream) {
        return upstream.received().stream()
                .filter(r -> r.path().endsWith("/chat/completions"))
                .map(OpenAiCompatibleServer.Received::body)
                .toList();
    }

    private JsonNode payments(String claim) throws Exception {
        HttpResponse<String> r = send("GET", "api/claims/" + claim + "/payments", ADJUSTER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void summarizeDegradesToTheExtractiveSummaryWhenNoProviderAnswersAndSaysWhy() throws Exception {
        HttpResponse<String> r = send("POST", "api/claims/C-1001/summary", ADJUSTER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("degraded").asBoolean()).isTrue();
        assertThat(body.path("summary").asText()).startsWith("A pipe burst in the kitchen overnight.");
        // the gateway stack is down (local-llama is disabled): the route says what failed
        assertThat(body.path("reason").asText()).contains("gateway").contains("answered by the fallback");

        JsonNode audit = audit("claims.summarize", "adjuster1");
        assertThat(audit.get(0).path("outcome").asText()).isEqualTo("DEGRADED");
        assertThat(audit.get(0).path("reason").asText()).contains("answered by the fallback");
    }

    @Test
    void summarizeAsksTheGatewayWhenOneIsConfiguredAndPropagatesTheCaller() throws Exception {
        int upstreamPort = Integer.getInteger("it.upstream.port");
        int gatewayPort = Integer.getInteger("it.gateway.port");
        InferenceProvider engine = AlphabetEngine.start("upstream", 1);
        try (OpenAiCompatibleServer upstream = OpenAiCompatibleServer.start(engine, upstreamPort);
                PortkeyGateway gateway = PortkeyGateway.start(gatewayPort)) {
            HttpResponse<String> r = send("POST", "api/claims/C-1004/summary", ADJUSTER, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("degraded").asBoolean()).as(r.body()).isFalse();
            assertThat(body.path("model").asText()).isEqualTo(AlphabetModel.NAME);

            OpenAiCompatibleServer.Received received =
                    upstream.received().get(upstream.received().size() - 1);
            assertThat(received.body().path("user").asText()).isEqualTo("adjuster1");
            String prompt =
                    received.body().path("messages").get(0).path("content").asText();
            assertThat(prompt).contains("Hail damaged the roof of the garage");
            // the exact text llama.cpp generates for that prompt, asked directly, is what the application got
            String direct =
                    engine.infer(Requests.user("claims.summarize", prompt, 200)).text();
            assertThat(direct).isNotBlank();
            assertThat(body.path("summary").asText()).isEqualTo(direct);
        } finally {
            engine.close();
        }
        JsonNode record = audit("claims.summarize", "adjuster1").get(0);
        assertThat(record.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.path("provider").asText()).isEqualTo("gateway");
        assertThat(record.path("model").asText()).isEqualTo(AlphabetModel.NAME);
        assertThat(record.path("outputTokens").asLong()).isPositive();
    }

    @Test
    void aClaimsNameIbanAndPhoneNumberReachTheGatewayAsPlaceholdersAndTheSummaryComesBackRestored() throws Exception {
        int upstreamPort = Integer.getInteger("it.upstream.port");
        int gatewayPort = Integer.getInteger("it.gateway.port");
        // the upstream model repeats what it was sent, so the placeholders it received come back in its answer
        InferenceProvider echo = new InferenceProvider() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public InferenceResponse infer(InferenceRequest request) {
                String prompt =
                        request.messages().get(request.messages().size() - 1).content();
                return InferenceResponse.of("Summary: " + prompt, AlphabetModel.NAME, new TokenUsage(40, 40));
            }
        };
        JsonNode body;
        String prompt;
        try (OpenAiCompatibleServer upstream = OpenAiCompatibleServer.start(echo, upstreamPort);
                PortkeyGateway gateway = PortkeyGateway.start(gatewayPort)) {
            HttpResponse<String> r = send("POST", "api/claims/C-1005/summary", ADJUSTER2, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            body = JSON.readTree(r.body());
            prompt = upstream.received()
                    .get(upstream.received().size() - 1)
                    .body()
                    .path("messages")
                    .get(0)
                    .path("content")
                    .asText();
        }
        assertThat(body.path("degraded").asBoolean()).as(body.toString()).isFalse();
        assertThat(prompt)
                .contains("<PERSON_1> reports", "called him on <PHONE_NUMBER_1>", "to IBAN <IBAN_CODE_1>")
                .doesNotContain("Tomas", "Novak", "901820", "DE89", "0130 00");
        assertThat(body.path("summary").asText())
                .startsWith("Summary: ")
                .contains("Tomas Novak reports", "+49 30 901820", "DE89 3704 0044 0532 0130 00")
                .doesNotContain("<PERSON_1>", "<PHONE_NUMBER_1>", "<IBAN_CODE_1>");

        JsonNode record = audit("claims.summarize", "adjuster2").get(0);
        assertThat(record.path("outcome").asText()).isEqualTo("SUCCEEDED");
        JsonNode tags = record.path("tags");
        assertThat(tags.path("steward.redaction").asText()).isEqualTo("redacted");
        assertThat(tags.path("steward.redaction.PERSON").asText()).isEqualTo("1");
        assertThat(tags.path("steward.redaction.IBAN_CODE").asText()).isEqualTo("1");
        assertThat(tags.path("steward.redaction.PHONE_NUMBER").asText()).isEqualTo("1");
        assertThat(tags.has("steward.injection")).as(tags.toString()).isFalse();
        assertThat(record.toString()).doesNotContain("Novak", "DE89", "901820");
    }

    @Test
    void anInjectionInAClaimIsFlaggedInTheAuditAndItsSummaryHeldForASupervisor() throws Exception {
        HttpResponse<String> r = send("POST", "api/claims/C-1006/summary", ADJUSTER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String approvalId = JSON.readTree(r.body()).path("approvalId").asText();
        assertThat(approvalId).isNotBlank();

        JsonNode record = null;
        for (JsonNode candidate : audit("claims.summarize", "adjuster1")) {
            if (approvalId.equals(candidate.path("approvalId").asText())) {
                record = candidate;
                break;
            }
        }
        assertThat(record).as("the audit record of approval %s", approvalId).isNotNull();
        assertThat(record.path("outcome").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(record.path("tags").path("steward.injection").asText()).isEqualTo("require-approval");
        assertThat(record.path("tags").path("steward.injection.score").asDouble())
                .isGreaterThanOrEqualTo(0.55);
        assertThat(record.path("reason").asText()).contains("prompt injection");

        HttpResponse<String> pending = send("GET", "api/steward/approvals", SUPERVISOR, null);
        assertThat(JSON.readTree(pending.body()).findValuesAsText("id")).contains(approvalId);
        HttpResponse<String> early = send("GET", "api/steward/approvals/" + approvalId + "/result", ADJUSTER, null);
        assertThat(early.statusCode()).as(early.body()).isNotEqualTo(200);
    }

    @Test
    void theLetterIsReleasedOnlyAfterTheSupervisorApproves() throws Exception {
        String approvalId = requestLetter(ADJUSTER, "C-1002");

        HttpResponse<String> early = send("GET", "api/claims/letters/" + approvalId, ADJUSTER, null);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(202);

        HttpResponse<String> selfApproval =
                send("POST", "api/steward/approvals/" + approvalId + "/approve", ADJUSTER, "{\"reason\":\"mine\"}");
        assertThat(selfApproval.statusCode()).as(selfApproval.body()).isEqualTo(403);

        HttpResponse<String> listed = send("GET", "api/steward/approvals", SUPERVISOR, null);
        assertThat(JSON.readTree(listed.body()).findValuesAsText("id")).contains(approvalId);

        HttpResponse<String> approved =
                send("POST", "api/steward/approvals/" + approvalId + "/approve", SUPERVISOR, "{\"reason\":\"fine\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> released = send("GET", "api/claims/letters/" + approvalId, ADJUSTER, null);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(JSON.readTree(released.body()).path("letter").asText())
                .startsWith("Dear Jonas Weber,")
                .contains("C-1002");
        HttpResponse<String> forTheSupervisor = send("GET", "api/claims/letters/" + approvalId, SUPERVISOR, null);
        assertThat(forTheSupervisor.statusCode()).as(forTheSupervisor.body()).isEqualTo(200);
        HttpResponse<String> sdkResult = send("GET", "api/steward/approvals/" + approvalId + "/result", ADJUSTER, null);
        assertThat(JSON.readTree(sdkResult.body()).path("output").asText()).startsWith("Dear Jonas Weber,");

        HttpResponse<String> anotherAdjuster = send("GET", "api/claims/letters/" + approvalId, ADJUSTER2, null);
        assertThat(anotherAdjuster.statusCode()).as(anotherAdjuster.body()).isEqualTo(403);
        assertThat(anotherAdjuster.body()).doesNotContain("Dear");
        HttpResponse<String> viaTheSdk =
                send("GET", "api/steward/approvals/" + approvalId + "/result", ADJUSTER2, null);
        assertThat(viaTheSdk.statusCode()).as(viaTheSdk.body()).isEqualTo(403);
        assertThat(audit("claims.draft-letter", "adjuster2").findValuesAsText("outcome"))
                .contains("APPROVAL_REFUSED");

        JsonNode decisions = audit("claims.draft-letter", "adjuster1");
        assertThat(decisions.findValuesAsText("outcome")).contains("PENDING_APPROVAL", "APPROVED");
        assertThat(decisions.findValuesAsText("approver")).contains("supervisor1");
    }

    @Test
    void aRejectedLetterIsNeverReleased() throws Exception {
        String approvalId = requestLetter(ADJUSTER, "C-1003");
        HttpResponse<String> rejected =
                send("POST", "api/steward/approvals/" + approvalId + "/reject", SUPERVISOR, "{\"reason\":\"tone\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        HttpResponse<String> letter = send("GET", "api/claims/letters/" + approvalId, ADJUSTER, null);
        assertThat(letter.statusCode()).as(letter.body()).isEqualTo(409);
    }

    @Test
    void anAdjusterIsRefusedWithA429OnceTheDailyCeilingIsSpent() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 8 && (last == null || last.statusCode() == 202); i++) {
            last = send("POST", "api/claims/C-1001/letter", ADJUSTER2, "{\"decision\":\"We will pay 4,200 EUR.\"}");
            statuses.add(last.statusCode());
        }
        // each letter is charged 63 tokens, but admitted only while its reservation of 337 (the prompt's 185 UTF-8
        // bytes + 32, and 120 for the answer) still fits under the 600-token ceiling: five fit, the sixth does not
        assertThat(statuses).containsExactly(202, 202, 202, 202, 202, 429);
        JsonNode refusal = JSON.readTree(last.body());
        assertThat(refusal.path("error").asText()).isEqualTo("budget-exceeded");
        assertThat(refusal.path("message").asText()).contains("adjuster2").contains("600 tokens");
        assertThat(audit("claims.draft-letter", "adjuster2").findValuesAsText("outcome"))
                .contains("BUDGET_REJECTED");
    }

    @Test
    void aSupervisorMayNotDraftLettersAndAnonymousCallersAreTurnedAway() throws Exception {
        HttpResponse<String> denied =
                send("POST", "api/claims/C-1001/letter", SUPERVISOR, "{\"decision\":\"We will pay.\"}");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).path("error").asText()).isEqualTo("capability-denied");
        assertThat(send("POST", "api/claims/C-1001/triage", null, null).statusCode())
                .isEqualTo(401);
        assertThat(audit("claims.draft-letter", "supervisor1").findValuesAsText("outcome"))
                .contains("DENIED");
    }

    @Test
    void theApprovalConsoleListsPendingLettersAndApprovesThemInABrowser() throws Exception {
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromedriver) || !Files.isExecutable(chromium)) {
            String why = "headless Chromium and chromedriver are not installed (Debian: chromium, chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        String approvalId = requestLetter(ADJUSTER, "C-1001");

        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            URI console = URI.create(base.toString());
            String signedIn = console.getScheme() + "://supervisor1:supervisor1-demo@" + console.getHost() + ":"
                    + console.getPort() + console.getPath() + "console/";
            browser.get(signedIn);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            WebElement row;
            try {
                row = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#pending tr[data-id='" + approvalId + "']")));
            } catch (org.openqa.selenium.TimeoutException e) {
                Files.writeString(Path.of("target", "approval-console-failure.html"), browser.getPageSource());
                throw new AssertionError(
                        "the console did not list " + approvalId + "; it shows: "
                                + browser.findElement(By.id("message")).getText(),
                        e);
            }
            assertThat(row.getText())
                    .contains("claims.draft-letter")
                    .contains("adjuster1")
                    .contains("Dear Maria Keller");

            row.findElement(By.cssSelector("button.approve")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "approved"));
            wait.until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#pending tr[data-id='" + approvalId + "']"), 0));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "APPROVED"));

            ((ChromeDriver) browser).executeScript("window.scrollTo(0, 0)");
            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Path shot = Path.of("target", "approval-console.png");
            Files.write(shot, png);
            assertThat(png.length).isGreaterThan(1000);
        } finally {
            browser.quit();
        }
        HttpResponse<String> released = send("GET", "api/claims/letters/" + approvalId, ADJUSTER, null);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    }

    @Test
    void aMalformedOrWronglyTypedBodyIsA400WithAJsonError() throws Exception {
        for (String body : List.of("{\"decision\":", "not json", "{\"decision\":{\"amount\":1}}", "[1,2]")) {
            HttpResponse<String> r = send("POST", "api/claims/C-1002/letter", ADJUSTER, body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("malformed-json");
        }
    }

    @Test
    void anOverlongCorrelationIdIsReplacedAndItsHashRecorded() throws Exception {
        String overlong = "c".repeat(300);
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("api/claims/C-1001/triage"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(ADJUSTER2))
                .header("X-Correlation-Id", overlong)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        JsonNode latest = audit("claims.triage", "adjuster2").get(0);
        assertThat(latest.path("correlationId").asText()).isNotEqualTo(overlong).hasSizeLessThanOrEqualTo(128);
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(overlong.getBytes(StandardCharsets.UTF_8)));
        assertThat(latest.path("tags")
                        .path("steward.correlation-id.original-sha256")
                        .asText())
                .isEqualTo(sha256);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        long hundredMegabytes = 100L * 1024 * 1024;
        long started = System.nanoTime();
        RawResponse declared = postStreaming("api/claims/C-1002/letter", hundredMegabytes, false);
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(JSON.readTree(declared.body()).path("error").asText()).isEqualTo("body-too-large");
        assertThat(declared.sentBytes())
                .as("refused from the declared length, long before 100 MB were sent")
                .isLessThan(hundredMegabytes);

        RawResponse chunked = postStreaming("api/claims/C-1002/letter", hundredMegabytes, true);
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.sentBytes()).isLessThan(hundredMegabytes);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

        assertThat(send("GET", "api/claims/C-1002", ADJUSTER, null).statusCode())
                .as("the server still answers")
                .isEqualTo(200);
    }

    record RawResponse(int status, String body, long sentBytes) {}

    // A client that writes the body from one thread and reads the answer from another, as a browser or proxy does:
    // the server may answer (and close) before the whole body was sent, and that answer is what the test checks.
    private RawResponse postStreaming(String path, long size, boolean chunked) throws Exception {
        java.net.URI uri = base.toURI().resolve(path);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: " + basic(ADJUSTER) + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            Thread writer = new Thread(() -> {
                byte[] spaces = new byte[64 * 1024];
                java.util.Arrays.fill(spaces, (byte) ' ');
                try {
                    while (sent.get() < size) {
                        int n = (int) Math.min(spaces.length, size - sent.get());
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(spaces, 0, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        sent.addAndGet(n);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (java.io.IOException closedByTheServer) {
                    // expected: the server stopped reading once it had refused the body
                }
            });
            writer.setDaemon(true);
            writer.start();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertThat(status).as("status line").isNotNull().startsWith("HTTP/1.1 ");
            int length = -1;
            boolean chunkedAnswer = false;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunkedAnswer = true;
                }
            }
            StringBuilder body = new StringBuilder();
            if (chunkedAnswer) {
                for (int n = Integer.parseInt(in.readLine().trim(), 16); n > 0; ) {
                    char[] part = new char[n];
                    int got = 0;
                    while (got < n) {
                        got += in.read(part, got, n - got);
                    }
                    body.append(part);
                    in.readLine();
                    n = Integer.parseInt(in.readLine().trim(), 16);
                }
            } else if (length > 0) {
                char[] part = new char[length];
                int got = 0;
                while (got < length) {
                    int r = in.read(part, got, length - got);
                    if (r < 0) {
                        break;
                    }
                    got += r;
                }
                body.append(part, 0, got);
            }
            return new RawResponse(Integer.parseInt(status.substring(9, 12)), body.toString(), sent.get());
        }
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private String requestLetter(String user, String claim) throws Exception {
        HttpResponse<String> r = send(
                "POST", "api/claims/" + claim + "/letter", user, "{\"decision\":\"We will pay the claim in full.\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = JSON.readTree(r.body()).path("approvalId").asText();
        assertThat(id).isNotBlank();
        return id;
    }

    private JsonNode audit(String capability, String user) throws Exception {
        HttpResponse<String> r = send(
                "GET", "api/steward/audit?capability=" + capability + "&user=" + user + "&limit=50", SUPERVISOR, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode records = JSON.readTree(r.body());
        assertThat(records.isArray()).isTrue();
        assertThat(records.size())
                .as("audit records of %s by %s", capability, user)
                .isPositive();
        return records;
    }

    private HttpResponse<String> send(String method, String path, String credentials, String json) throws Exception {
        return send(method, path, credentials, json, null);
    }

    private HttpResponse<String> send(String method, String path, String credentials, String json, String tenant)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.toURI().resolve(path)).timeout(Duration.ofSeconds(60));
        if (tenant != null) {
            b.header("X-Tenant", tenant);
        }
        if (credentials != null) {
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else if (method.equals("POST")) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
