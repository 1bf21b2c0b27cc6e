package dev.steward.providers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.PromptTemplate;
import dev.steward.api.ProviderException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.LiveThreads;
import dev.steward.providers.testing.MapSettings;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.Requests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a gateway receives about the caller, read from the requests a real local server recorded. */
class GatewayIdentityIT {

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

    private static OpenAiCompatibleServer.Received send(InferenceRequest request, String... settings) {
        String[] all = new String[settings.length + 4];
        all[0] = "base-url";
        all[1] = server.baseUrl();
        all[2] = "model";
        all[3] = "alphabet";
        System.arraycopy(settings, 0, all, 4, settings.length);
        new GatewayProviderFactory().create(MapSettings.of("gw", all)).infer(request);
        return server.received().get(server.received().size() - 1);
    }

    @Test
    void postsToBaseUrlAndTheDefaultChatPathWithoutAQuery() {
        OpenAiCompatibleServer.Received r = send(Requests.user("claims-summary", "a", 4));

        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.query()).isNull();
    }

    @Test
    void aChatPathMayCarryAQueryAsAzureOpenAiNeeds() {
        OpenAiCompatibleServer.Received r = send(
                Requests.user("claims-summary", "a", 4),
                "chat-path",
                "/chat/completions?api-version=2024-10-21",
                "auth-header",
                "api-key",
                "api-key",
                "azure-secret");

        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.query()).isEqualTo("api-version=2024-10-21");
        assertThat(r.header("api-key")).isEqualTo("azure-secret");
        assertThat(r.header("authorization")).isNull();
    }

    @Test
    void sendsThePrincipalAsUserAndTheConfiguredHeaders() {
        OpenAiCompatibleServer.Received r = send(
                Requests.user("claims-summary", "a", 4),
                "header.principal",
                "x-user",
                "header.tenant",
                "x-tenant",
                "header.capability",
                "x-capability",
                "header.correlation-id",
                "x-request-id",
                "headers",
                "x-static: yes; x-other: 2");

        assertThat(r.body().path("user").asText()).isEqualTo("alice@example.com");
        assertThat(r.header("x-user")).isEqualTo("alice@example.com");
        assertThat(r.header("x-tenant")).isEqualTo("acme");
        assertThat(r.header("x-capability")).isEqualTo("claims-summary");
        assertThat(r.header("x-request-id")).isEqualTo("corr-42");
        assertThat(r.header("x-static")).isEqualTo("yes");
        assertThat(r.header("x-other")).isEqualTo("2");
        assertThat(r.body().has("metadata")).isFalse();
        assertThat(r.body().path("max_tokens").asInt()).isEqualTo(4);
        assertThat(r.body().path("messages").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void hashesThePrincipalWithTheSaltEverywhereItIsSent() throws Exception {
        OpenAiCompatibleServer.Received r = send(
                Requests.user("claims-summary", "a", 4),
                "user",
                "hash",
                "user-hash-salt",
                "pepper",
                "header.principal",
                "x-user",
                "preset",
                "litellm");

        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("pepperalice@example.com".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.body().path("user").asText()).isEqualTo(expected);
        assertThat(r.header("x-user")).isEqualTo(expected);
        assertThat(r.body().path("metadata").path("user").asText()).isEqualTo(expected);
        assertThat(r.toString()).doesNotContain("alice@example.com");
    }

    @Test
    void litellmPresetAddsMetadataToTheBody() {
        OpenAiCompatibleServer.Received r = send(Requests.user("claims-summary", "a", 4), "preset", "litellm");

        JsonNode metadata = r.body().path("metadata");
        assertThat(metadata.path("user").asText()).isEqualTo("alice@example.com");
        assertThat(metadata.path("tenant").asText()).isEqualTo("acme");
        assertThat(metadata.path("capability").asText()).isEqualTo("claims-summary");
        assertThat(metadata.path("correlation_id").asText()).isEqualTo("corr-42");
    }

    @Test
    void portkeyPresetSendsMetadataTraceIdAndForwardList() throws Exception {
        OpenAiCompatibleServer.Received r =
                send(Requests.user("claims-summary", "a", 4), "preset", "portkey", "header.tenant", "x-tenant");

        JsonNode metadata = new ObjectMapper().readTree(r.header("x-portkey-metadata"));
        assertThat(metadata.path("_user").asText()).isEqualTo("alice@example.com");
        assertThat(metadata.path("tenant").asText()).isEqualTo("acme");
        assertThat(metadata.path("capability").asText()).isEqualTo("claims-summary");
        assertThat(r.header("x-portkey-trace-id")).isEqualTo("corr-42");
        assertThat(r.header("x-portkey-forward-headers")).isEqualTo("x-tenant");
    }

    @Test
    void sendsNoUserForAnAnonymousCallerOrWhenDisabled() {
        InferenceRequest anonymous = new InferenceRequest(
                "c",
                new PromptTemplate("c", "v1", "t", "0"),
                List.of(new ChatMessage(ChatMessage.Role.USER, "a")),
                Map.of(),
                4,
                CallerContext.anonymous("corr-1"));

        assertThat(send(anonymous).body().has("user")).isFalse();
        assertThat(send(Requests.user("c", "a", 4), "user", "none").body().has("user"))
                .isFalse();
    }

    @Test
    void stripsControlCharactersSoAPrincipalCannotInjectHeaders() {
        InferenceRequest sneaky = new InferenceRequest(
                "c",
                new PromptTemplate("c", "v1", "t", "0"),
                List.of(new ChatMessage(ChatMessage.Role.USER, "a")),
                Map.of(),
                4,
                new CallerContext("bob\r\nx-admin: true", Set.of(), null, "corr-2"));

        OpenAiCompatibleServer.Received r = send(sneaky, "header.principal", "x-user");

        assertThat(r.header("x-user")).isEqualTo("bobx-admin: true");
        assertThat(r.header("x-admin")).isNull();
    }

    @Test
    void percentEncodesNonAsciiHeaderValuesAndKeepsTheBodyInUtf8() throws Exception {
        InferenceRequest zoe = new InferenceRequest(
                "c",
                new PromptTemplate("c", "v1", "t", "0"),
                List.of(new ChatMessage(ChatMessage.Role.USER, "a")),
                Map.of(),
                4,
                new CallerContext("zo\u00eb\u674e 100%", Set.of(), "s\u00fcd", "corr-3"));

        OpenAiCompatibleServer.Received r =
                send(zoe, "header.principal", "x-user", "header.tenant", "x-tenant", "preset", "portkey");

        assertThat(r.header("x-user")).isEqualTo("zo%C3%AB%E6%9D%8E 100%25");
        assertThat(r.header("x-tenant")).isEqualTo("s%C3%BCd");
        assertThat(r.body().path("user").asText()).isEqualTo("zo\u00eb\u674e 100%");
        JsonNode metadata = new ObjectMapper().readTree(r.header("x-portkey-metadata"));
        assertThat(metadata.path("_user").asText()).isEqualTo("zo\u00eb\u674e 100%");
        assertThat(metadata.path("tenant").asText()).isEqualTo("s\u00fcd");
    }

    @Test
    void sendsTheApiKeyInTheConfiguredHeader() {
        OpenAiCompatibleServer.Received bearer = send(Requests.user("c", "a", 4), "api-key", "k1");
        OpenAiCompatibleServer.Received azure =
                send(Requests.user("c", "a", 4), "api-key", "k2", "auth-header", "api-key");

        assertThat(bearer.header("authorization")).isEqualTo("Bearer k1");
        assertThat(azure.header("api-key")).isEqualTo("k2");
        assertThat(azure.header("authorization")).isNull();
    }

    @Test
    void closeStopsTheProvidersThreadsAndLaterCallsFailClearly() throws InterruptedException {
        InferenceProvider closing = new GatewayProviderFactory()
                .create(MapSettings.of("closing", "base-url", server.baseUrl(), "model", "alphabet"));
        closing.infer(Requests.user("letters", "a b c", 3));
        // at least the deadline watchdog of the default 30 s timeout
        assertThat(LiveThreads.named("steward-gateway-closing-")).isPositive();

        closing.close();

        assertThat(LiveThreads.awaitNone("steward-gateway-closing-", Duration.ofSeconds(10)))
                .isZero();
        assertThatThrownBy(() -> closing.infer(Requests.user("letters", "a b c", 3)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("closed");
    }
}
