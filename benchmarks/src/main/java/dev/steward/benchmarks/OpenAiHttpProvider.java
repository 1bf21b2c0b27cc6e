package dev.steward.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The least a provider can do to speak OpenAI chat-completions: one blocking {@link HttpClient#send} per call, JSON
 * by Jackson. The load test runs it alone as the reference for what the client and server cost on this machine,
 * apart from any provider's own choices. Thread-safe.
 */
public final class OpenAiHttpProvider implements InferenceProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI endpoint;
    private final String model;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * Creates the provider, with its own HTTP client.
     *
     * @param name the provider name
     * @param baseUrl the server, without {@code /v1}
     * @param model the model to ask for
     * @param timeout the request timeout
     */
    public OpenAiHttpProvider(String name, URI baseUrl, String model, Duration timeout) {
        this.name = name;
        this.endpoint = baseUrl.resolve("/v1/chat/completions");
        this.model = model;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject()
                    .put("role", m.role().name().toLowerCase(Locale.ROOT))
                    .put("content", m.content());
        }
        body.put("max_tokens", request.maxOutputTokens());
        if (request.caller().principal() != null) {
            body.put("user", request.caller().principal());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(
                    HttpRequest.newBuilder(endpoint)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ProviderException.retriable(name, "request to " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retriable(name, "interrupted while waiting for " + endpoint, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String message = "HTTP " + status + " from " + endpoint;
            throw status == 429 || status >= 500
                    ? ProviderException.retriable(name, message, null)
                    : ProviderException.permanent(name, message, null);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            JsonNode usage = answer.path("usage");
            return InferenceResponse.of(
                    answer.path("choices")
                            .path(0)
                            .path("message")
                            .path("content")
                            .asText(),
                    answer.path("model").asText(model),
                    new TokenUsage(
                            usage.path("prompt_tokens").asLong(0),
                            usage.path("completion_tokens").asLong(0)));
        } catch (IOException e) {
            throw ProviderException.permanent(name, "unreadable answer from " + endpoint + ": " + e, e);
        }
    }

    /**
     * Closes the HTTP client where the JDK allows it (21 and later), freeing its connections and threads.
     *
     * @throws IllegalStateException if closing fails
     */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the HTTP client of " + name, e);
            }
        }
    }
}
