package dev.steward.providers.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.steward.api.Attempt;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.Outcome;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.testing.Requests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway that answers an error echoing the request it received and naming its own URL, as some do: through the
 * real gateway provider over HTTP, neither the prompt nor the URL reaches the audit record or the caller, and what
 * does is short.
 */
class ProviderErrorTextIT {

    private static final String CLAIM = "Claimant Jane Roe of 12 Elm Street reports that water from the upstairs flat"
            + " ruined the kitchen ceiling on 3 March; policy HX-4471-22.";
    private static final String TEMPLATE = "Summarize this claim for the adjuster in three sentences:\n{{claim}}";

    private HttpServer server;
    private String url;
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final InMemoryAuditSink audit = new InMemoryAuditSink(10);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // the error message repeats where the gateway runs, the claim as it arrived, and the whole body
            String message = "upstream " + url + "/chat/completions refused the request\n" + CLAIM + "\nbody: " + body;
            String reply = "{\"error\":{\"message\":" + jsonString(message) + "}}";
            replies.add(reply);
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Steward steward() {
        // one gateway, declared by environment variables alone; its route is the default
        return Steward.builder()
                .config(ConfigValues.ofEnvironment(Map.of(
                        "STEWARD_PROVIDER_GATEWAY_TYPE", "gateway",
                        "STEWARD_PROVIDER_GATEWAY_BASE_URL", url,
                        "STEWARD_PROVIDER_GATEWAY_MODEL", "gpt-4o-mini")))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", TEMPLATE))
                .auditSink(audit)
                .build();
    }

    private static GovernedCapability summarize(Steward steward) {
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .parameterNames(List.of("claim"))
                .build());
    }

    @Test
    void theCallerAndTheAuditSeeAShortReasonWithoutThePromptOrTheUrl() throws Exception {
        InferenceUnavailableException e;
        try (Steward steward = steward()) {
            GovernedCapability capability = summarize(steward);
            e = catchThrowableOfType(
                    () -> capability.invoke(Requests.ALICE, new Object[] {CLAIM}, null),
                    InferenceUnavailableException.class);
        }

        // the gateway really echoed both
        assertThat(replies)
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .contains("Jane Roe")
                        .contains("three sentences")
                        .contains(url));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .startsWith("no provider of route 'default' answered: gateway FAILED (gateway: HTTP 400");
        List<String> seenByCaller = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            seenByCaller.add(t.getMessage());
            for (Throwable s : t.getSuppressed()) {
                seenByCaller.add(s.getMessage());
            }
        }
        e.attempts().forEach(a -> seenByCaller.add(a.error()));
        assertThat(e.attempts())
                .singleElement()
                .satisfies(a -> assertThat(a.result()).isEqualTo(Attempt.Result.FAILED));

        AuditRecord record = audit.records().get(0);
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        List<String> audited = new ArrayList<>();
        audited.add(record.reason());
        record.attempts().forEach(a -> audited.add(a.error()));

        for (String text : concat(seenByCaller, audited)) {
            assertThat(text)
                    .as("text the caller or the audit sees")
                    .doesNotContain("Jane Roe")
                    .doesNotContain("Elm Street")
                    .doesNotContain("HX-4471")
                    .doesNotContain("three sentences")
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("http://")
                    .doesNotContain("\n");
        }
        assertThat(record.attempts().get(0).error())
                .contains("HTTP 400 from [url]")
                .hasSizeLessThanOrEqualTo(220);
        assertThat(record.reason()).hasSizeLessThanOrEqualTo(300).isEqualTo(e.getMessage());
    }

    @Test
    void theFallbackIsGivenTheSanitizedFailureToo() throws Exception {
        AtomicReference<Throwable> given = new AtomicReference<>();
        String answer;
        try (Steward steward = steward()) {
            answer = summarize(steward).invoke(Requests.ALICE, new Object[] {CLAIM}, (args, cause) -> {
                given.set(cause);
                return "Summary unavailable; the claim is queued for a person.";
            });
        }

        assertThat(answer).startsWith("Summary unavailable");
        assertThat(given.get().getMessage())
                .contains("HTTP 400 from [url]")
                .doesNotContain("Jane Roe")
                .doesNotContain("127.0.0.1");
        assertThat(given.get().getCause()).isNull();
        assertThat(audit.records().get(0).outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(audit.records().get(0).reason()).doesNotContain("Jane Roe").doesNotContain("127.0.0.1");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
