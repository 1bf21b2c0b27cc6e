package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.providers.testing.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * {@code MP_CONFIG_PROFILE=postgres} switches the sample's state to the local PostgreSQL (audit log, approvals) and
 * Redis (budgets), as the README says, on the test's own server {@code claimsRestart}. The run's tables and keys get
 * a prefix of their own through environment variables, so no earlier run's budget counts, and are removed afterwards.
 * Skipped with the reason when PostgreSQL or Redis does not answer, failing under {@code CI=true}.
 */
class PostgresProfileIT {

    private static final String SERVER = "claimsRestart";
    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WLP = Path.of(System.getProperty("it.wlp.dir"));
    private static final URI BASE = URI.create("http://localhost:" + System.getProperty("it.restart.port") + "/");

    // table prefixes are at most 24 characters
    private final String run = java.util.UUID.randomUUID().toString().substring(0, 8);
    private final String tablePrefix = "claims_p" + run + "_";
    private final String keyPrefix = "claims-p" + run + ":";
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeEach
    void servicesAnswerAndTheServerIsStopped() throws Exception {
        LocalServices.postgres();
        LocalServices.redis();
        server("stop", Map.of());
    }

    @AfterEach
    void stopAndRemoveThisRunsState() throws Exception {
        server("stop", Map.of());
        try (Connection c = DriverManager.getConnection(LocalServices.POSTGRES_URL);
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "audit", "audit_head", "budget", "budget_reservation", "approval", "capture", "schema_version")) {
                s.execute("DROP TABLE IF EXISTS " + tablePrefix + table);
            }
        }
        try (Jedis redis = new Jedis(URI.create(LocalServices.REDIS_URL))) {
            Set<String> keys = redis.keys(keyPrefix + "*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theProfileKeepsAuditAndApprovalsInPostgresqlAndBudgetsInRedis() throws Exception {
        Path h2 = WLP.resolve("usr/servers/" + SERVER + "/data/steward.mv.db");
        Files.deleteIfExists(h2);
        assertThat(server(
                        "start",
                        Map.of(
                                "MP_CONFIG_PROFILE", "postgres",
                                "STEWARD_STORE_JDBC_TABLE_PREFIX", tablePrefix,
                                "_POSTGRES_STEWARD_STORE_REDIS_KEY_PREFIX", keyPrefix)))
                .isZero();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> send("GET", "api/claims", null).statusCode() == 200);

        HttpResponse<String> held = send(
                "POST",
                "api/claims/C-1002/letter",
                JSON.writeValueAsString(Map.of("decision", "We will pay the towing costs in full.")));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        String approvalId = JSON.readTree(held.body()).path("approvalId").asText();

        try (Connection c = DriverManager.getConnection(LocalServices.POSTGRES_URL)) {
            assertThat(count(
                            c,
                            "SELECT COUNT(*) FROM " + tablePrefix + "audit WHERE capability = ?",
                            "claims.draft-letter"))
                    .isPositive();
            assertThat(count(c, "SELECT COUNT(*) FROM " + tablePrefix + "approval WHERE id = ?", approvalId))
                    .isEqualTo(1);
        }
        try (Jedis redis = new Jedis(URI.create(LocalServices.REDIS_URL))) {
            assertThat(redis.keys(keyPrefix + "*"))
                    .as("budget keys under " + keyPrefix)
                    .isNotEmpty();
        }
        assertThat(h2).as("no embedded H2 state with the profile").doesNotExist();
    }

    private static long count(Connection c, String sql, String value) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(BASE.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(ADJUSTER.getBytes(StandardCharsets.UTF_8)));
        if ("GET".equals(method)) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the runtime's server script on the test's server with exactly the given profile variables. */
    private static int server(String action, Map<String, String> environment) throws Exception {
        ProcessBuilder b = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, SERVER)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        b.environment().remove("MP_CONFIG_PROFILE");
        b.environment().putAll(environment);
        Process p = b.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("server " + action).isTrue();
        return p.exitValue();
    }
}
