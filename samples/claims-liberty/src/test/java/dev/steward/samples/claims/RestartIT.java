package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.providers.jdbc.JdbcStores;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sample keeps its state across restarts of its server: the demo server's own configuration (the embedded H2
 * database in the server's output folder) on a server of the test's own, {@code claimsRestart}, which the test starts,
 * stops and kills with the runtime's {@code server} script and {@code kill -9}. Every test starts from an empty
 * database and leaves the server stopped.
 */
class RestartIT {

    private static final String SERVER = "claimsRestart";
    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final String ADJUSTER2 = "adjuster2:adjuster2-demo";
    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path WLP = Path.of(System.getProperty("it.wlp.dir"));
    private static final Path SERVER_DIR = WLP.resolve("usr/servers/" + SERVER);
    private static final URI BASE = URI.create("http://localhost:" + System.getProperty("it.restart.port") + "/");

    // HTTP/1.1, as in the other tests: Open Liberty's h2c upgrade path fails under a burst of POSTs
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeEach
    void emptyDatabase() throws Exception {
        server("stop");
        deleteTree(SERVER_DIR.resolve("data"));
    }

    @AfterEach
    void stopServer() throws Exception {
        server("stop");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aPendingLetterAnApprovedLetterAndASpentBudgetSurviveARestart() throws Exception {
        start();
        String pending = draft(ADJUSTER, "We will pay 1,850 EUR for the door and the mirror.");
        String approved = draft(ADJUSTER, "We will pay the towing costs in full.");
        HttpResponse<String> decision =
                send("POST", "api/steward/approvals/" + approved + "/approve", SUPERVISOR, "{\"reason\":\"correct\"}");
        assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
        String letter = letter(approved);
        assertThat(letter).contains("Dear");

        // the smallest letter until the day's 600 tokens cannot hold another reservation
        HttpResponse<String> refused = null;
        for (int i = 0; i < 12 && refused == null; i++) {
            HttpResponse<String> r = send("POST", "api/claims/C-1001/letter", ADJUSTER, "{\"decision\":\"x\"}");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
        }
        assertThat(refused).as("the daily ceiling was never reached").isNotNull();
        assertThat(refused.body()).contains("budget-exceeded");

        server("stop");
        start();

        HttpResponse<String> stillPending = send("GET", "api/claims/letters/" + pending, ADJUSTER, null);
        assertThat(stillPending.statusCode()).as(stillPending.body()).isEqualTo(202);
        assertThat(stillPending.body()).contains("approval-pending");
        assertThat(pendingIds()).contains(pending).doesNotContain(approved);
        assertThat(letter(approved)).isEqualTo(letter);
        HttpResponse<String> stillSpent = send("POST", "api/claims/C-1001/letter", ADJUSTER, "{\"decision\":\"x\"}");
        assertThat(stillSpent.statusCode()).as(stillSpent.body()).isEqualTo(429);
        assertThat(stillSpent.body()).contains("budget-exceeded").contains("adjuster1");
        // another adjuster's budget is untouched
        assertThat(send("POST", "api/claims/C-1001/letter", ADJUSTER2, "{\"decision\":\"x\"}")
                        .statusCode())
                .isEqualTo(202);
    }

    /** One call a load thread made and got a 2xx answer to. */
    private record Acknowledged(String capability, String user, String approvalId) {}

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingTheServerUnderLoadLosesNoAcknowledgedRecordAndTheChainVerifies() throws Exception {
        start();
        Instant from = Instant.now();
        long pid = serverPid();

        int threads = 12;
        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> load(thread, acknowledged, unexpected, killed)));
            }
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> acknowledged.size() >= 150);
            killed.set(true);
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            int refused = 0;
            for (Future<Integer> f : done) {
                refused += f.get(2, TimeUnit.MINUTES);
            }
            assertThat(refused)
                    .as("threads whose call failed once the server was gone")
                    .isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        List<Acknowledged> calls = List.copyOf(acknowledged);

        start();
        assertThat(serverPid()).isNotEqualTo(pid);
        Map<String, Integer> expected = new HashMap<>();
        for (Acknowledged call : calls) {
            expected.merge(call.capability() + " " + call.user(), 1, Integer::sum);
        }
        int found = 0;
        List<String> approvalIds = new ArrayList<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String[] key = e.getKey().split(" ");
            JsonNode records = audit(key[0], key[1], from);
            int answered = 0;
            for (JsonNode record : records) {
                String outcome = record.path("outcome").asText();
                if (List.of("SUCCEEDED", "DEGRADED", "PENDING_APPROVAL").contains(outcome)) {
                    answered++;
                }
                if (!record.path("approvalId").isMissingNode()
                        && !record.path("approvalId").isNull()) {
                    approvalIds.add(record.path("approvalId").asText());
                }
            }
            assertThat(answered)
                    .as("audit records of %s answered, after %d acknowledged", e.getKey(), e.getValue())
                    .isGreaterThanOrEqualTo(e.getValue());
            found += answered;
        }
        List<String> letters = calls.stream()
                .map(Acknowledged::approvalId)
                .filter(id -> id != null)
                .toList();
        assertThat(approvalIds).containsAll(letters);
        for (String id : letters) {
            HttpResponse<String> r = send("GET", "api/claims/letters/" + id, ADJUSTER2, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        server("stop");

        AuditVerifier.Result chain;
        long rows;
        try (JdbcStores stores = JdbcStores.builder(
                        "jdbc:h2:" + SERVER_DIR.resolve("data/steward").toAbsolutePath(), null, null)
                .open()) {
            chain = stores.audit().verify(Optional.empty());
            rows = chain.records();
        }
        System.out.printf(
                "RestartIT: %d calls acknowledged before kill -9 (%s), %d answered calls audited since the test began,"
                        + " %d letters still pending; the chain of %d records verifies: %s%n",
                calls.size(), expected, found, letters.size(), rows, chain.valid());
        assertThat(chain.valid()).as(chain.toString()).isTrue();
    }

    /**
     * Triages, summarizes and drafts letters until the server is gone; letters only for {@code adjuster2}, whose
     * budget refuses them after a few.
     *
     * @return 1 if a call failed because the server was gone, else 0
     */
    private Integer load(
            int thread,
            ConcurrentLinkedQueue<Acknowledged> acknowledged,
            ConcurrentLinkedQueue<String> unexpected,
            AtomicBoolean killed) {
        String[] users = {ADJUSTER, ADJUSTER2, SUPERVISOR};
        for (int i = 0; ; i++) {
            String credentials = users[(thread + i) % users.length];
            String user = credentials.substring(0, credentials.indexOf(':'));
            String claim = "C-100" + (1 + (thread + i) % 3);
            try {
                switch (i % 3) {
                    case 0 -> {
                        HttpResponse<String> r = send("POST", "api/claims/" + claim + "/triage", credentials, null);
                        check(r, 200, unexpected);
                        if (r.statusCode() == 200) {
                            acknowledged.add(new Acknowledged("claims.triage", user, null));
                        }
                    }
                    case 1 -> {
                        HttpResponse<String> r = send("POST", "api/claims/" + claim + "/summary", credentials, null);
                        check(r, 200, unexpected);
                        if (r.statusCode() == 200) {
                            acknowledged.add(new Acknowledged("claims.summarize", user, null));
                        }
                    }
                    default -> {
                        HttpResponse<String> r = send(
                                "POST", "api/claims/" + claim + "/letter", ADJUSTER2, "{\"decision\":\"x " + i + "\"}");
                        if (r.statusCode() == 202) {
                            acknowledged.add(new Acknowledged(
                                    "claims.draft-letter",
                                    "adjuster2",
                                    JSON.readTree(r.body()).path("approvalId").asText()));
                        } else if (r.statusCode() != 429) {
                            unexpected.add(r.statusCode() + " " + r.body());
                        }
                    }
                }
            } catch (IOException e) {
                if (killed.get()) {
                    return 1;
                }
                unexpected.add(e.toString());
                return 0;
            } catch (Exception e) {
                unexpected.add(e.toString());
                return 0;
            }
        }
    }

    private static void check(HttpResponse<String> r, int status, ConcurrentLinkedQueue<String> unexpected) {
        if (r.statusCode() != status) {
            unexpected.add(r.statusCode() + " " + r.body());
        }
    }

    private String draft(String credentials, String decision) throws Exception {
        HttpResponse<String> r = send(
                "POST", "api/claims/C-1002/letter", credentials, JSON.writeValueAsString(Map.of("decision", decision)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("approvalId").asText();
    }

    private String letter(String approvalId) throws Exception {
        HttpResponse<String> r = send("GET", "api/claims/letters/" + approvalId, ADJUSTER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("letter").asText();
    }

    private List<String> pendingIds() throws Exception {
        HttpResponse<String> r = send("GET", "api/steward/approvals", SUPERVISOR, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).findValuesAsText("id");
    }

    private JsonNode audit(String capability, String user, Instant from) throws Exception {
        HttpResponse<String> r = send(
                "GET",
                "api/steward/audit?capability=" + capability + "&user=" + user + "&limit=1000&from="
                        + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8),
                SUPERVISOR,
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode records = JSON.readTree(r.body());
        assertThat(records.size()).isLessThan(1000);
        return records;
    }

    private HttpResponse<String> send(String method, String path, String credentials, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(BASE.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if ("GET".equals(method)) {
            b.GET();
        } else if (json == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the server and waits until the sample answers. */
    private void start() throws Exception {
        assertThat(server("start")).as("server start " + SERVER).isZero();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> send("GET", "api/claims", ADJUSTER, null).statusCode() == 200);
    }

    /** The server JVM's process id, from the file the server script writes, checked against its command line. */
    private static long serverPid() throws IOException {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + SERVER + ".pid"))
                .trim());
        assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse(""))
                .as("process %d", pid)
                .contains(SERVER);
        return pid;
    }

    /**
     * Runs the runtime's server script on the test's server, without the switch to PostgreSQL and Redis whatever
     * the environment says.
     *
     * @return the script's exit code ({@code stop} on a stopped server returns 1)
     */
    private static int server(String action) throws Exception {
        ProcessBuilder b = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, SERVER)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        b.environment().remove("MP_CONFIG_PROFILE");
        Process p = b.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("server " + action).isTrue();
        return p.exitValue();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
