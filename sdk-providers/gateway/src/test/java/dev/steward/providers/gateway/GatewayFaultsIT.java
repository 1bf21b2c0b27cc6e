package dev.steward.providers.gateway;

import static dev.steward.providers.testing.OpenAiCompatibleServer.rateLimited;
import static dev.steward.providers.testing.OpenAiCompatibleServer.rawReply;
import static dev.steward.providers.testing.OpenAiCompatibleServer.stallBeforeHeaders;
import static dev.steward.providers.testing.OpenAiCompatibleServer.stallMidBody;
import static dev.steward.providers.testing.OpenAiCompatibleServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.api.ProviderException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.MapSettings;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.Requests;
import dev.steward.providers.testing.ResettingServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each fault is real: the server misbehaves on the socket and the provider must classify what it sees. */
class GatewayFaultsIT {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer server;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        server = OpenAiCompatibleServer.start(engine);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        engine.close();
    }

    // Only the stall tests need a short timeout; the others get room for a loaded machine's first call.
    private static InferenceProvider gateway(String baseUrl) {
        return gateway(baseUrl, "10s");
    }

    private static InferenceProvider gateway(String baseUrl, String timeout) {
        return new GatewayProviderFactory(Clock.fixed(NOW, ZoneOffset.UTC))
                .create(MapSettings.of(
                        "gw", "base-url", baseUrl, "model", "alphabet", "timeout", timeout, "connect-timeout", "1s"));
    }

    private static ProviderException failure(InferenceProvider provider) {
        Throwable thrown = catchThrowable(() -> provider.infer(Requests.user("letters", "a b c", 16)));
        assertThat(thrown).isExactlyInstanceOf(ProviderException.class);
        return (ProviderException) thrown;
    }

    @Test
    void answersWhenTheServerBehaves() {
        server.behave(OpenAiCompatibleServer::answer);

        var response = gateway(server.baseUrl()).infer(Requests.user("letters", "x", 16));

        assertThat(response.text()).isEqualTo(" y z");
        assertThat(response.usage().outputTokens()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 503, 504})
    void requestTimeoutAndServerErrorsAreRetriable(int code) {
        server.behave(status(code));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.provider()).isEqualTo("gw");
        assertThat(e).hasMessageContaining("HTTP " + code).hasMessageContaining("scripted failure " + code);
        assertThat(e.retryAfter()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 503})
    void requestTimeoutAndServerErrorsCarryRetryAfterWhenSent(int code) {
        server.behave(status(code, "11"));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(11));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void clientErrorsArePermanent(int code) {
        server.behave(status(code));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessageContaining("HTTP " + code);
    }

    @Test
    void rateLimitHonoursRetryAfterSeconds() {
        server.behave(rateLimited("7"));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e).hasMessageContaining("HTTP 429");
    }

    @Test
    void rateLimitHonoursRetryAfterHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(NOW.plusSeconds(90), ZoneOffset.UTC));
        server.behave(rateLimited(date));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void replyStalledBeforeHeadersIsARetriableTimeout() {
        server.behave(stallBeforeHeaders(Duration.ofSeconds(20)));

        long start = System.nanoTime();
        ProviderException e = failure(gateway(server.baseUrl(), "700ms"));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e).hasMessageContaining("within PT0.7S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void bodyStalledHalfwayIsARetriableTimeout() {
        server.behave(stallMidBody(Duration.ofSeconds(20)));

        long start = System.nanoTime();
        ProviderException e = failure(gateway(server.baseUrl(), "700ms"));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e).hasMessageContaining("within PT0.7S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void malformedJsonIsPermanentAndSaysSo() {
        server.behave(rawReply("{\"choices\": [ {\"message\": "));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessageContaining("is not valid JSON");
    }

    @Test
    void replyWithoutChoicesIsPermanent() {
        server.behave(rawReply("{\"model\":\"m\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessageContaining("has no choices");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"model\":\"m\",\"choices\":[{\"message\":{\"role\":\"assistant\"}}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}",
                "{\"model\":\"m\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null}}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"
            })
    void replyWithoutTextIsPermanent(String reply) {
        server.behave(rawReply(reply));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessageContaining("has no text in choices[0].message.content");
    }

    @Test
    void replyWithoutUsageIsPermanentBecauseCostCannotBeAccounted() {
        server.behave(rawReply("{\"model\":\"m\",\"choices\":[{\"message\":{\"content\":\"hi\"}}]}"));

        ProviderException e = failure(gateway(server.baseUrl()));

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessageContaining("usage");
    }

    @Test
    void connectionResetMidBodyIsRetriable() throws Exception {
        try (ResettingServer resetting = ResettingServer.start()) {
            ProviderException e = failure(gateway(resetting.baseUrl()));

            assertThat(e.isRetriable()).isTrue();
            assertThat(e).hasMessageContaining("connection to");
        }
    }

    @Test
    void refusedConnectionIsRetriable() throws Exception {
        String closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }

        ProviderException e = failure(gateway(closedPort));

        assertThat(e.isRetriable()).isTrue();
    }
}
