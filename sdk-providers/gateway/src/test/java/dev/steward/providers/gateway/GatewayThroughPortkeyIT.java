package dev.steward.providers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.AlphabetModel;
import dev.steward.providers.testing.MapSettings;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.PortkeyGateway;
import dev.steward.providers.testing.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Provider → real Portkey gateway (node) → local OpenAI-compatible server → llama.cpp on the alphabet model. */
class GatewayThroughPortkeyIT {

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer upstream;
    private static PortkeyGateway portkey;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        upstream = OpenAiCompatibleServer.start(engine);
        portkey = PortkeyGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (portkey != null) {
            portkey.close();
        }
        upstream.close();
        engine.close();
    }

    @Test
    void answersThroughPortkeyAndPropagatesIdentity() {
        InferenceProvider gateway = new GatewayProviderFactory()
                .create(MapSettings.of(
                        "portkey",
                        "base-url",
                        portkey.baseUrl(),
                        "model",
                        "alphabet",
                        "preset",
                        "portkey",
                        "headers",
                        "x-portkey-provider: openai; x-portkey-custom-host: " + upstream.baseUrl(),
                        "api-key",
                        "sk-test-123",
                        "header.tenant",
                        "x-steward-tenant",
                        "header.capability",
                        "x-steward-capability",
                        "header.correlation-id",
                        "x-correlation-id",
                        "timeout",
                        "20s"));

        InferenceResponse response = gateway.infer(Requests.user("claims-summary", "a b c", 64));

        assertThat(response.text()).isEqualTo(" d e f g h i j k l m n o p q r s t u v w x y z");
        assertThat(response.model()).isEqualTo(AlphabetModel.NAME);
        assertThat(response.usage()).isEqualTo(new TokenUsage(3, 24));

        OpenAiCompatibleServer.Received arrived =
                upstream.received().get(upstream.received().size() - 1);
        assertThat(arrived.path()).isEqualTo("/v1/chat/completions");
        assertThat(arrived.body().path("user").asText()).isEqualTo("alice@example.com");
        assertThat(arrived.body().path("model").asText()).isEqualTo("alphabet");
        assertThat(arrived.header("authorization")).isEqualTo("Bearer sk-test-123");
        // forwarded because the preset lists them in x-portkey-forward-headers
        assertThat(arrived.header("x-steward-tenant")).isEqualTo("acme");
        assertThat(arrived.header("x-steward-capability")).isEqualTo("claims-summary");
        assertThat(arrived.header("x-correlation-id")).isEqualTo("corr-42");
        // Portkey consumes its own headers (metadata and trace id go to its logs) and does not pass them on
        assertThat(arrived.headers()).doesNotContainKeys("x-portkey-metadata", "x-portkey-trace-id");
    }

    @Test
    void upstreamRateLimitComesBackThroughPortkeyAsRetriable() {
        upstream.behave(OpenAiCompatibleServer.rateLimited("12"));
        try {
            Throwable thrown = catchThrowable(() -> gateway().infer(Requests.user("claims-summary", "a", 8)));

            assertThat(thrown).isExactlyInstanceOf(ProviderException.class);
            ProviderException e = (ProviderException) thrown;
            assertThat(e.isRetriable()).isTrue();
            assertThat(e).hasMessageContaining("HTTP 429");
            assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(12));
        } finally {
            upstream.behave(OpenAiCompatibleServer::answer);
        }
    }

    @Test
    void upstreamServerErrorComesBackThroughPortkeyAsRetriable() {
        upstream.behave(OpenAiCompatibleServer.status(503));
        try {
            Throwable thrown = catchThrowable(() -> gateway().infer(Requests.user("claims-summary", "a", 8)));

            assertThat(thrown).isExactlyInstanceOf(ProviderException.class);
            assertThat(((ProviderException) thrown).isRetriable()).isTrue();
        } finally {
            upstream.behave(OpenAiCompatibleServer::answer);
        }
    }

    private static InferenceProvider gateway() {
        return new GatewayProviderFactory()
                .create(MapSettings.of(
                        "portkey",
                        "base-url",
                        portkey.baseUrl(),
                        "model",
                        "alphabet",
                        "preset",
                        "portkey",
                        "headers",
                        "x-portkey-provider: openai; x-portkey-custom-host: " + upstream.baseUrl(),
                        "timeout",
                        "20s"));
    }
}
