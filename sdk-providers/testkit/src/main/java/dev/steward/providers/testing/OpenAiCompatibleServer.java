package dev.steward.providers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.PromptTemplate;
import dev.steward.api.spi.InferenceProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol ({@code POST /v1/chat/completions})
 * and Ollama's ({@code POST /api/chat}), answered by an {@link InferenceProvider} engine (the local llama.cpp engine
 * in these tests). It records every request it receives and can be told to misbehave, on the socket, for fault tests.
 */
public final class OpenAiCompatibleServer implements AutoCloseable {

    /**
     * One request as it arrived.
     *
     * @param path the request path, decoded
     * @param query the raw query (after {@code ?}), or {@code null} when the request had none
     * @param headers the headers, by lower-case name
     * @param body the parsed body
     */
    public record Received(String path, String query, Map<String, String> headers, JsonNode body) {
        /**
         * A header, by case-insensitive name.
         *
         * @param name the header name
         * @return the value, or {@code null}
         */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How the server answers the next requests. */
    @FunctionalInterface
    public interface Behaviour {
        /**
         * Answers one exchange.
         *
         * @param server the server
         * @param exchange the exchange
         * @param body the parsed request body
         * @throws IOException if writing fails
         */
        void respond(OpenAiCompatibleServer server, HttpExchange exchange, JsonNode body) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ExecutorService executor;
    private final InferenceProvider engine;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Behaviour behaviour = OpenAiCompatibleServer::answer;

    private OpenAiCompatibleServer(InferenceProvider engine, int port) throws IOException {
        this.engine = engine;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-compatible-server");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Starts a server on an ephemeral port.
     *
     * @param engine what answers the requests
     * @return the running server
     */
    public static OpenAiCompatibleServer start(InferenceProvider engine) {
        return start(engine, 0);
    }

    /**
     * Starts a server on a given port, for a client configured before the test starts (an application server).
     *
     * @param engine what answers the requests
     * @param port the loopback port, 0 for an ephemeral one
     * @return the running server
     */
    public static OpenAiCompatibleServer start(InferenceProvider engine, int port) {
        try {
            return new OpenAiCompatibleServer(engine, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The OpenAI base URL, ending in {@code /v1}.
     *
     * @return the URL
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    /**
     * The root URL, as Ollama clients expect it.
     *
     * @return the URL
     */
    public String rootUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /**
     * Sets how the following requests are answered.
     *
     * @param next the behaviour
     * @return this server
     */
    public OpenAiCompatibleServer behave(Behaviour next) {
        this.behaviour = next;
        return this;
    }

    /**
     * The requests received so far.
     *
     * @return them, oldest first
     */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            received.add(new Received(
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers, body));
            behaviour.respond(this, exchange, body);
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}");
        }
    }

    /** Answers with the engine, in the protocol of the request path. */
    public static void answer(OpenAiCompatibleServer server, HttpExchange exchange, JsonNode body) throws IOException {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            messages.add(new ChatMessage(
                    ChatMessage.Role.valueOf(m.path("role").asText().toUpperCase(Locale.ROOT)),
                    m.path("content").asText()));
        }
        boolean ollama = exchange.getRequestURI().getPath().startsWith("/api/");
        int maxTokens = ollama
                ? body.path("options").path("num_predict").asInt(64)
                : body.path("max_tokens")
                        .asInt(body.path("max_completion_tokens").asInt(64));
        InferenceResponse answer = server.engine.infer(new InferenceRequest(
                "served",
                new PromptTemplate("served", "v1", "", "0"),
                messages,
                Map.of(),
                maxTokens <= 0 ? 64 : maxTokens,
                CallerContext.anonymous("served")));
        ObjectNode reply = JSON.createObjectNode();
        if (ollama) {
            reply.put("model", answer.model());
            reply.put("created_at", "2026-01-01T00:00:00Z");
            reply.putObject("message").put("role", "assistant").put("content", answer.text());
            reply.put("done", true);
            reply.put("done_reason", "stop");
            reply.put("prompt_eval_count", answer.usage().inputTokens());
            reply.put("eval_count", answer.usage().outputTokens());
        } else {
            reply.put("id", "chatcmpl-1");
            reply.put("object", "chat.completion");
            reply.put("created", 1_700_000_000L);
            reply.put("model", answer.model());
            ObjectNode choice = reply.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", answer.text());
            choice.put("finish_reason", "stop");
            reply.putObject("usage")
                    .put("prompt_tokens", answer.usage().inputTokens())
                    .put("completion_tokens", answer.usage().outputTokens())
                    .put("total_tokens", answer.usage().totalTokens());
        }
        send(exchange, 200, JSON.writeValueAsString(reply));
    }

    /**
     * Replies with a status and an OpenAI-style error body.
     *
     * @param status the status code
     * @return the behaviour
     */
    public static Behaviour status(int status) {
        return (server, exchange, body) ->
                send(exchange, status, "{\"error\":{\"message\":\"scripted failure " + status + "\"}}");
    }

    /**
     * Replies with a status, a {@code Retry-After} header and an OpenAI-style error body.
     *
     * @param status the status code
     * @param retryAfter the header value (seconds or an HTTP-date)
     * @return the behaviour
     */
    public static Behaviour status(int status, String retryAfter) {
        return (server, exchange, body) -> {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
            send(exchange, status, "{\"error\":{\"message\":\"scripted failure " + status + "\"}}");
        };
    }

    /**
     * Replies 429 with a {@code Retry-After} header.
     *
     * @param retryAfter the header value (seconds or an HTTP-date)
     * @return the behaviour
     */
    public static Behaviour rateLimited(String retryAfter) {
        return (server, exchange, body) -> {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
            send(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
        };
    }

    /**
     * Replies to each request with the next of a script of assistant messages, as OpenAI chat completions with a
     * usage of 10 prompt and 5 completion tokens; the last message repeats once the script is spent. A message is
     * the JSON of {@code choices[0].message}, so it may carry {@code content} or {@code tool_calls}.
     *
     * @param messages the assistant messages, as JSON objects
     * @return the behaviour
     */
    public static Behaviour script(String... messages) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<String> all = List.of(messages);
        return (server, exchange, body) -> {
            String message = all.get(Math.min(next.getAndIncrement(), all.size() - 1));
            ObjectNode reply = JSON.createObjectNode();
            reply.put("id", "chatcmpl-" + next.get());
            reply.put("object", "chat.completion");
            reply.put("created", 1_700_000_000L);
            reply.put("model", "scripted");
            ObjectNode choice = reply.putArray("choices").addObject();
            choice.put("index", 0);
            JsonNode parsed = JSON.readTree(message);
            choice.set("message", parsed);
            choice.put("finish_reason", parsed.has("tool_calls") ? "tool_calls" : "stop");
            reply.putObject("usage")
                    .put("prompt_tokens", 10)
                    .put("completion_tokens", 5)
                    .put("total_tokens", 15);
            send(exchange, 200, JSON.writeValueAsString(reply));
        };
    }

    /**
     * An assistant message with text content, for {@link #script}.
     *
     * @param content the text
     * @return the message's JSON
     */
    public static String assistant(String content) {
        return JSON.createObjectNode()
                .put("role", "assistant")
                .put("content", content)
                .toString();
    }

    /**
     * An assistant message that asks for one tool, in OpenAI's {@code tool_calls} format, for {@link #script}.
     *
     * @param id the call's id
     * @param name the tool's name
     * @param arguments the arguments object, as JSON text
     * @return the message's JSON
     */
    public static String toolCall(String id, String name, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject();
        call.put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return message.toString();
    }

    /**
     * Replies 200 with a body that is not what a chat completion looks like.
     *
     * @param reply the raw body
     * @return the behaviour
     */
    public static Behaviour rawReply(String reply) {
        return (server, exchange, body) -> send(exchange, 200, reply);
    }

    /**
     * Holds the reply back before sending any header, until the server closes or {@code delay} passes.
     *
     * @param delay how long to stall
     * @return the behaviour
     */
    public static Behaviour stallBeforeHeaders(Duration delay) {
        return (server, exchange, body) -> {
            server.await(delay);
            send(exchange, 200, "{}");
        };
    }

    /**
     * Sends the status line, headers and half of the body at once, then stalls before the rest.
     *
     * @param delay how long to stall
     * @return the behaviour
     */
    public static Behaviour stallMidBody(Duration delay) {
        return (server, exchange, body) -> {
            byte[] reply = ("{\"model\":\"m\",\"choices\":[{\"message\":{\"content\":\"late\"}}],"
                            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            OutputStream out = exchange.getResponseBody();
            out.write(reply, 0, reply.length / 2);
            out.flush();
            server.await(delay);
            out.write(reply, reply.length / 2, reply.length - reply.length / 2);
        };
    }

    private void await(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops the server, releasing stalled replies. */
    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
        executor.shutdownNow();
    }
}
