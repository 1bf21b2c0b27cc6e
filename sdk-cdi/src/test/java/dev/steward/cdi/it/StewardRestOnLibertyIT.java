package dev.steward.cdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Steward's REST resources on Open Liberty, over real HTTP: the released answer goes to its requester and to approvers
 * only; hostile bodies and headers are refused or neutralised with JSON errors and without stack traces in the log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StewardRestOnLibertyIT {

    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final String OTHER_ADJUSTER = "adjuster2:adjuster2-demo";
    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final Map<String, String> ACME = Map.of("X-Tenant", "acme");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SERVER_LOG = Path.of("target/liberty/wlp/usr/servers/stewardIT/logs/messages.log");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return StewardOnLibertyIT.application();
    }

    @Test
    void releasesTheAnswerToItsRequesterAndApproversAndRefusesEveryoneElse() throws Exception {
        String id = pendingAdjustment("C-51", Map.of("X-Tenant", "acme"));

        HttpResponse<String> early = send("GET", "api/steward/approvals/" + id + "/result", ADJUSTER, null, ACME);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).path("error").asText()).isEqualTo("approval-pending");

        HttpResponse<String> approved =
                send("POST", "api/steward/approvals/" + id + "/approve", SUPERVISOR, "{\"reason\":\"ok\"}", Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> mine = send("GET", "api/steward/approvals/" + id + "/result", ADJUSTER, null, ACME);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(JSON.readTree(mine.body()).path("output").asText())
                .isEqualTo("model says: Propose an adjustment for claim C-51");
        HttpResponse<String> approvers =
                send("GET", "api/steward/approvals/" + id + "/result", SUPERVISOR, null, Map.of());
        assertThat(approvers.statusCode()).as(approvers.body()).isEqualTo(200);

        HttpResponse<String> other = send("GET", "api/steward/approvals/" + id + "/result", OTHER_ADJUSTER, null, ACME);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("model says");
        assertThat(JSON.readTree(other.body()).path("error").asText()).isEqualTo("approval-not-allowed");
        HttpResponse<String> otherTenant =
                send("GET", "api/steward/approvals/" + id + "/result", ADJUSTER, null, Map.of("X-Tenant", "globex"));
        assertThat(otherTenant.statusCode()).isEqualTo(403);
        assertThat(send("GET", "api/steward/approvals/no-such-id/result", ADJUSTER, null, ACME)
                        .statusCode())
                .isEqualTo(404);

        JsonNode refusals =
                JSON.readTree(send("GET", "api/steward/audit?capability=claims.adjust", SUPERVISOR, null, Map.of())
                        .body());
        assertThat(refusals)
                .filteredOn(r -> r.path("outcome").asText().equals("APPROVAL_REFUSED")
                        && r.path("approvalId").asText().equals(id))
                .extracting(r -> r.path("principal").asText())
                .contains("adjuster2", "adjuster1");
    }

    @Test
    void resumesAToolCallHeldForApprovalForItsCallerOnlyAndOnce() throws Exception {
        HttpResponse<String> held = send("POST", "api/claims/C-60/settlement", ADJUSTER, null, ACME);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        String id = JSON.readTree(held.body()).path("approvalId").asText();
        String resume = "api/steward/approvals/" + id + "/resume";

        HttpResponse<String> early = send("POST", resume, ADJUSTER, null, ACME);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).path("error").asText()).isEqualTo("approval-pending");
        HttpResponse<String> approved =
                send("POST", "api/steward/approvals/" + id + "/approve", SUPERVISOR, "{\"reason\":\"ok\"}", Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> other = send("POST", resume, OTHER_ADJUSTER, null, ACME);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(JSON.readTree(other.body()).path("error").asText()).isEqualTo("approval-not-allowed");
        HttpResponse<String> otherTenant = send("POST", resume, ADJUSTER, null, Map.of("X-Tenant", "globex"));
        assertThat(otherTenant.statusCode()).as(otherTenant.body()).isEqualTo(403);

        HttpResponse<String> resumed = send("POST", resume, ADJUSTER, null, ACME);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode answer = JSON.readTree(resumed.body());
        assertThat(answer.path("text").asText()).startsWith("model says: paid ").contains("PAY-C-60");
        assertThat(answer.path("model").asText()).isEqualTo("echo-model");
        assertThat(answer.path("degraded").asBoolean()).isFalse();

        HttpResponse<String> again = send("POST", resume, ADJUSTER, null, ACME);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("approval-resumed");
        HttpResponse<String> unknown = send("POST", "api/steward/approvals/no-such-id/resume", ADJUSTER, null, ACME);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("approval-not-found");
    }

    @Test
    void refusesMalformedAndWronglyTypedJsonWith400AndNoStackTraceInTheLog() throws Exception {
        String id = pendingAdjustment("C-52", ACME);
        long logBefore = Files.size(SERVER_LOG);

        HttpResponse<String> malformed =
                send("POST", "api/steward/approvals/" + id + "/approve", SUPERVISOR, "{\"reason\": ", Map.of());
        HttpResponse<String> wronglyTyped =
                send("POST", "api/steward/approvals/" + id + "/approve", SUPERVISOR, "{\"reason\": 42}", Map.of());
        HttpResponse<String> badLimit = send("GET", "api/steward/audit?limit=many", SUPERVISOR, null, Map.of());

        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(malformed.body()).path("error").asText()).isEqualTo("malformed-json");
        assertThat(wronglyTyped.statusCode()).as(wronglyTyped.body()).isEqualTo(400);
        assertThat(JSON.readTree(wronglyTyped.body()).path("message").asText())
                .isEqualTo("reason must be a string or null, was a JSON number");
        assertThat(badLimit.statusCode()).as(badLimit.body()).isEqualTo(400);
        assertThat(JSON.readTree(badLimit.body()).path("error").asText()).isEqualTo("bad-parameter");
        assertThat(newLogLines(logBefore)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(JSON.readTree(send("GET", "api/steward/approvals", SUPERVISOR, null, Map.of())
                                .body())
                        .findValuesAsText("id"))
                .as("still pending")
                .contains(id);
    }

    @Test
    void refusesABodyOverTheLimitWith413BeforeReadingIt() throws Exception {
        // 2 MiB declared: refused from Content-Length
        HttpResponse<String> declared = send(
                "POST",
                "api/steward/approvals/any/approve",
                SUPERVISOR,
                "{\"reason\": \"" + " ".repeat(2 << 20) + "\"}",
                Map.of());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(declared.body()).path("error").asText()).isEqualTo("body-too-large");

        // 100 MB chunked, generated as it is sent, over a plain socket: the JDK's client reads no response before it
        // has sent the whole body, and the server stops reading once it has refused the request
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String path = uri("api/steward/approvals/any/approve").getRawPath();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nAuthorization: Basic "
                            + Base64.getEncoder().encodeToString(SUPERVISOR.getBytes(StandardCharsets.UTF_8))
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> writeChunks(out, 100_000_000L, written), "chunked-body");
            writer.setDaemon(true);
            long started = System.nanoTime();
            writer.start();

            InputStream in = socket.getInputStream();
            String status = line(in);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String head;
            StringBuilder headers = new StringBuilder();
            while (!(head = line(in)).isEmpty()) {
                headers.append(head.toLowerCase(java.util.Locale.ROOT)).append('\n');
            }

            assertThat(status).startsWith("HTTP/1.1 413");
            assertThat(headers.toString()).contains("content-type: application/json");
            assertThat(took).as("refused without reading 100 MB").isLessThan(Duration.ofSeconds(15));
            assertThat(written.get())
                    .as("bytes the client could send before the refusal")
                    .isLessThan(100_000_000L);
        }
    }

    // writes {"reason": " and spaces in 64 KiB chunks until the length or until the server stops reading
    private static void writeChunks(OutputStream out, long length, AtomicLong written) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        byte[] head = "{\"reason\": \"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, chunk, 0, head.length);
        try {
            while (written.get() < length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                written.addAndGet(chunk.length);
                java.util.Arrays.fill(chunk, 0, head.length, (byte) ' ');
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closed) {
            // the server refused the body and closed the connection: what the test expects
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void replacesAnOverlongOrNonPrintableCorrelationIdAndAuditsItsHash() throws Exception {
        String overlong = "c".repeat(300);
        String withTab = "corr\tid-53";
        String first = pendingAdjustment("C-53", Map.of("X-Tenant", "acme", "X-Correlation-Id", overlong));
        String second = pendingAdjustment("C-54", Map.of("X-Tenant", "acme", "X-Correlation-Id", withTab));

        JsonNode records =
                JSON.readTree(send("GET", "api/steward/audit?capability=claims.adjust", SUPERVISOR, null, Map.of())
                        .body());

        for (String[] sent : new String[][] {{first, overlong}, {second, withTab}}) {
            assertThat(records)
                    .filteredOn(r -> r.path("approvalId").asText().equals(sent[0])
                            && r.path("outcome").asText().equals("PENDING_APPROVAL"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.path("correlationId").asText())
                                .isNotEqualTo(sent[1])
                                .matches("[0-9a-f-]{36}");
                        assertThat(r.path("tags")
                                        .path("steward.correlation-id.original-sha256")
                                        .asText())
                                .isEqualTo(sha256(sent[1]));
                    });
        }
    }

    private String pendingAdjustment(String claim, Map<String, String> headers) throws Exception {
        HttpResponse<String> proposed = send("POST", "api/claims/" + claim + "/adjustment", ADJUSTER, null, headers);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(202);
        return JSON.readTree(proposed.body()).path("approvalId").asText();
    }

    private String newLogLines(long from) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(SERVER_LOG.toFile(), "r")) {
            log.seek(from);
            byte[] rest = new byte[(int) (log.length() - from)];
            log.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String credentials) {
        return request.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(
            String method, String path, String credentials, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri(path)), credentials)
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
