package dev.steward.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDisabledException;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.RateLimitedException;
import dev.steward.api.StewardException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Steward's exceptions thrown by the application's own controller become the documented statuses over HTTP. */
@SpringBootTest(
        classes = {RestApplication.class, ExceptionHandlerTest.Throwing.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"steward.spring.rest.enabled=true", "steward.audit.sink=memory"})
class ExceptionHandlerTest {

    private static final Map<String, Supplier<StewardException>> ERRORS = Map.of(
            "pending", () -> new ApprovalPendingException("claims.x", "a-1", "held"),
            "denied", () -> new CapabilityDeniedException("claims.x", "adjuster1", "no role"),
            "rejected", () -> new ApprovalRejectedException("claims.x", "a-2", "supervisor1", "rejected"),
            "rate", () -> new RateLimitedException("claims.x", "too many", Duration.ofMillis(2500)),
            "budget", () -> new BudgetExceededException("claims.x", "per user", "spent"),
            "disabled", () -> new CapabilityDisabledException("claims.x", "adjuster1"),
            "unavailable", () -> new InferenceUnavailableException("claims.x", "no provider", List.of(), null));

    /** The application's own controller, calling code that throws Steward's exceptions. */
    @TestConfiguration
    static class Throwing {
        @Bean
        ThrowingController throwingController() {
            return new ThrowingController();
        }
    }

    @RestController
    static class ThrowingController {
        @GetMapping("/own/{kind}")
        String own(@PathVariable("kind") String kind) {
            throw ERRORS.get(kind).get();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    private HttpResponse<String> get(String kind) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/own/" + kind))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "adjuster1:adjuster1-demo".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachExceptionHasItsStatusCodeAndJsonBody() throws Exception {
        Map<String, Integer> expected = Map.of(
                "pending", 202,
                "denied", 403,
                "rejected", 409,
                "rate", 429,
                "budget", 429,
                "disabled", 503,
                "unavailable", 503);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            HttpResponse<String> r = get(e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("capability").asText()).as(e.getKey()).isEqualTo("claims.x");
        }
        JsonNode pending = JSON.readTree(get("pending").body());
        assertThat(pending.path("error").asText()).isEqualTo("approval-pending");
        assertThat(pending.path("approvalId").asText()).isEqualTo("a-1");
        assertThat(JSON.readTree(get("budget").body()).path("error").asText()).isEqualTo("budget-exceeded");
    }

    @Test
    void aRateLimitSaysWhenToRetryAndOtherStatusesDoNot() throws Exception {
        assertThat(get("rate").headers().firstValue("Retry-After")).contains("2");
        assertThat(get("budget").headers().firstValue("Retry-After")).isEmpty();
    }
}
