package dev.steward.providers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.api.ToolSpec;
import dev.steward.api.spi.InferenceProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls an OpenAI-compatible {@code /chat/completions} endpoint: an AI gateway (Portkey, LiteLLM, Kong, Azure
 * OpenAI) or a model server (vLLM). Each call propagates the caller's identity as configured and makes exactly one
 * HTTP request; every failure becomes a {@link ProviderException} that says whether a retry may help.
 *
 * <p>Built on the JDK's {@link HttpClient} and Jackson rather than LangChain4j's {@code OpenAiChatModel}, because
 * that model fixes its custom headers when it is built (no per-request principal, tenant or correlation id) and its
 * {@code HttpException} drops the response headers, so a 429's {@code Retry-After} could not be honoured.
 *
 * <p>Thread-safe: the HTTP client and the configuration are shared, nothing per call is.
 *
 * <p>Owns its threads: the HTTP client runs on an executor of the provider's own, and one watchdog thread enforces
 * deadlines; {@link #close()} shuts both down.
 */
public final class GatewayProvider implements InferenceProvider {

    private static final int ERROR_DETAIL_LIMIT = 200;

    private final String name;
    private final URI endpoint;
    private final String model;
    private final Double temperature;
    private final Duration readTimeout;
    private final Map<String, String> staticHeaders;
    private final IdentityPropagation identity;
    private final HttpClient http;
    private final ExecutorService httpThreads;
    private final ScheduledThreadPoolExecutor watchdogs;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile boolean closed;

    GatewayProvider(
            String name,
            URI endpoint,
            String model,
            Double temperature,
            Duration connectTimeout,
            Duration readTimeout,
            Map<String, String> staticHeaders,
            IdentityPropagation identity,
            ObjectMapper json,
            Clock clock) {
        this.name = name;
        this.endpoint = endpoint;
        this.model = model;
        this.temperature = temperature;
        this.readTimeout = readTimeout;
        this.staticHeaders = Map.copyOf(staticHeaders);
        this.identity = identity;
        this.json = json;
        this.clock = clock;
        this.httpThreads = Executors.newCachedThreadPool(daemonThreads("steward-gateway-" + name + "-http"));
        this.watchdogs = new ScheduledThreadPoolExecutor(1, daemonThreads("steward-gateway-" + name + "-deadlines"));
        watchdogs.setRemoveOnCancelPolicy(true);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpThreads)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.http = builder.build();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The configured model, so that budgets count input tokens with its tokenizer where one is known.
     *
     * @return the model
     */
    @Override
    public java.util.Optional<String> model() {
        return java.util.Optional.of(model);
    }

    /**
     * Yes: a typed answer's schema goes as OpenAI's {@code response_format} of type {@code json_schema}, strict.
     *
     * @return {@code true}
     */
    @Override
    public boolean supportsResponseSchema() {
        return true;
    }

    /**
     * Yes: tools go as OpenAI's {@code tools} of type {@code function}, the model's {@code tool_calls} come back, and
     * tool results go as messages of role {@code tool}.
     *
     * @return {@code true}
     */
    @Override
    public boolean supportsTools() {
        return true;
    }

    /**
     * Sends one chat-completions request.
     *
     * @param request what to answer
     * @return the first choice's text, the model the endpoint reports and its token usage
     * @throws ProviderException retriable on 408, 429 (with {@link ProviderException#retryAfter()} when the
     *     endpoint sent {@code Retry-After}), 5xx, timeouts and connection failures; permanent on other 4xx and on
     *     replies that are not a valid chat completion, and once the provider is closed
     */
    @Override
    public InferenceResponse infer(InferenceRequest request) {
        if (closed) {
            throw ProviderException.permanent(name, "the provider is closed", null);
        }
        try {
            return exchange(request);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            // the route treats any other exception as permanent anyway; saying so keeps the provider's name on it
            throw ProviderException.permanent(name, "could not call " + endpoint + ": " + describe(e), e);
        }
    }

    private InferenceResponse exchange(InferenceRequest request) {
        HttpRequest httpRequest = toHttpRequest(request);
        HttpResponse<byte[]> response = send(httpRequest);
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw statusFailure(status, response);
        }
        return parse(response.body());
    }

    private HttpRequest toHttpRequest(InferenceRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode m =
                    messages.addObject().put("role", message.role().name().toLowerCase(Locale.ROOT));
            if (message.toolCalls().isEmpty() || !message.content().isEmpty()) {
                m.put("content", message.content());
            } else {
                m.putNull("content");
            }
            if (message.toolCallId() != null) {
                m.put("tool_call_id", message.toolCallId());
            }
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = m.putArray("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                try {
                    function.set("parameters", json.readTree(tool.parameters()));
                } catch (JsonProcessingException e) {
                    throw ProviderException.permanent(
                            name, "the parameters of tool " + tool.name() + " are not JSON", e);
                }
            }
        }
        body.put("max_tokens", request.maxOutputTokens());
        if (request.responseSchema() != null) {
            ObjectNode schema =
                    body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", request.responseSchema().name()).put("strict", true);
            try {
                schema.set("schema", json.readTree(request.responseSchema().json()));
            } catch (JsonProcessingException e) {
                throw ProviderException.permanent(name, "the response schema is not JSON", e);
            }
        }
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        identity.decorateBody(body, request);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ProviderException.permanent(name, "could not write the request as JSON", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        staticHeaders.forEach(builder::header);
        identity.headers(request).forEach(builder::header);
        return builder.build();
    }

    // send() on the caller's thread: sendAsync() would hand every response to the common pool, a single thread on
    // small machines. The request timeout bounds the wait for headers; the deadline also bounds a trickling body.
    private HttpResponse<byte[]> send(HttpRequest request) {
        CallerDeadline deadline = readTimeout == null ? null : CallerDeadline.start(readTimeout, watchdogs);
        HttpResponse<byte[]> response = null;
        Exception failure = null;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            failure = e;
        }
        if (deadline != null && deadline.finish()) {
            throw ProviderException.retriable(
                    name, "no complete reply from " + endpoint + " within " + readTimeout, new TimeoutException());
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw ProviderException.permanent(name, "interrupted while waiting for " + endpoint, failure);
        }
        if (failure instanceof HttpTimeoutException) {
            throw ProviderException.retriable(name, "no reply from " + endpoint + " within " + readTimeout, failure);
        }
        if (failure != null) {
            throw ProviderException.retriable(
                    name, "connection to " + endpoint + " failed: " + describe(failure), failure);
        }
        return response;
    }

    /**
     * Shuts down the provider's HTTP client, its HTTP and deadline threads. Calls made afterwards fail with a
     * permanent {@link ProviderException}; calls still running may fail too. Calling it again does nothing.
     *
     * <p>On Java 21 and later the HTTP client is shut down too, which closes its pooled connections and stops its
     * selector thread at once. Java 17 has no such method: there they are released when the client is
     * garbage-collected, which happens once nothing refers to this provider any more.
     */
    @Override
    public void close() {
        closed = true;
        try {
            // first, so that calls still running fail on the executor that is still there
            shutdownNow(http);
        } finally {
            watchdogs.shutdownNow();
            httpThreads.shutdownNow();
        }
    }

    private static void shutdownNow(HttpClient http) {
        // HttpClient.shutdownNow() exists from Java 21; compiled for 17, it is found at run time
        java.lang.reflect.Method shutdownNow;
        try {
            shutdownNow = HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException before21) {
            return;
        }
        try {
            shutdownNow.invoke(http);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot shut down the HTTP client", e);
        }
    }

    private ProviderException statusFailure(int status, HttpResponse<byte[]> response) {
        String detail = errorDetail(response.body());
        String message = "HTTP " + status + " from " + endpoint + (detail.isEmpty() ? "" : ": " + detail);
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock);
            return new ProviderException(name, true, retryAfter, message, null);
        }
        return ProviderException.permanent(name, message + hint(status), null);
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the provider's api-key and auth-header)";
            case 404 -> " (check the provider's base-url, chat-path and model)";
            default -> "";
        };
    }

    private InferenceResponse parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw ProviderException.permanent(name, "reply from " + endpoint + " is not valid JSON: " + describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw ProviderException.permanent(name, "reply from " + endpoint + " is not a JSON object", null);
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw ProviderException.permanent(name, "reply from " + endpoint + " has no choices", null);
        }
        JsonNode content = choices.get(0).path("message").path("content");
        List<ToolCall> toolCalls = toolCalls(choices.get(0).path("message").path("tool_calls"));
        if (!content.isTextual() && toolCalls.isEmpty()) {
            throw ProviderException.permanent(
                    name, "reply from " + endpoint + " has no text in choices[0].message.content", null);
        }
        JsonNode usage = root.path("usage");
        JsonNode prompt = usage.path("prompt_tokens");
        JsonNode completion = usage.path("completion_tokens");
        if (!prompt.canConvertToLong()
                || !completion.canConvertToLong()
                || prompt.asLong() < 0
                || completion.asLong() < 0) {
            throw ProviderException.permanent(
                    name,
                    "reply from " + endpoint + " has no usage.prompt_tokens and usage.completion_tokens, "
                            + "so its cost cannot be accounted",
                    null);
        }
        String answeredBy = root.path("model").isTextual() ? root.path("model").asText() : model;
        TokenUsage tokens = new TokenUsage(prompt.asLong(), completion.asLong());
        String text = content.isTextual() ? content.asText() : "";
        return toolCalls.isEmpty()
                ? InferenceResponse.of(text, answeredBy, tokens)
                : InferenceResponse.toolCalls(toolCalls, text, answeredBy, tokens);
    }

    private List<ToolCall> toolCalls(JsonNode calls) {
        if (!calls.isArray() || calls.isEmpty()) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            if (!call.path("id").isTextual() || !function.path("name").isTextual()) {
                throw ProviderException.permanent(
                        name, "reply from " + endpoint + " has a tool call without an id or a function name", null);
            }
            JsonNode arguments = function.path("arguments");
            out.add(new ToolCall(
                    call.path("id").asText(),
                    function.path("name").asText(),
                    arguments.isTextual()
                            ? arguments.asText()
                            : arguments.isMissingNode() ? "{}" : arguments.toString()));
        }
        return out;
    }

    private String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode message = json.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return truncate(message.asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: the status code alone is the message
        }
        return "";
    }

    private static String truncate(String s) {
        return s.length() <= ERROR_DETAIL_LIMIT ? s : s.substring(0, ERROR_DETAIL_LIMIT) + "...";
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : truncate(t.getMessage());
    }
}
