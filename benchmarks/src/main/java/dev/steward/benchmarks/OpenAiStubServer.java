package dev.steward.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenAI-compatible chat-completions endpoint on the loopback interface that answers every request after a fixed
 * latency, with a fixed answer and {@code usage}: a model server whose only cost is the wait. Each request holds one
 * thread of a fixed pool for the latency, so the pool bounds throughput at {@code threads / latency}. Thread-safe.
 */
public final class OpenAiStubServer implements AutoCloseable {

    static {
        // The JDK server closes keep-alive connections beyond 200 idle ones by default, which would make a
        // thousand callers reconnect all the time; and it batches small writes unless told not to.
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static final byte[] ANSWER = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":0,"
                    + "\"model\":\"" + InstantChatModel.MODEL + "\",\"choices\":[{\"index\":0,\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"" + InstantChatModel.ANSWER + "\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + InstantChatModel.INPUT_TOKENS
                    + ",\"completion_tokens\":" + InstantChatModel.OUTPUT_TOKENS + ",\"total_tokens\":"
                    + (InstantChatModel.INPUT_TOKENS + InstantChatModel.OUTPUT_TOKENS) + "}}")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final int threads;
    private final long latencyNanos;
    private final LongAdder requests = new LongAdder();

    /**
     * Starts a server on an ephemeral loopback port.
     *
     * @param threads the size of the request thread pool
     * @param latency how long each request is held before it is answered
     * @throws IOException if the port cannot be bound
     */
    public OpenAiStubServer(int threads, Duration latency) throws IOException {
        this.threads = threads;
        this.latencyNanos = latency.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stub-model-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.createContext("/v1/chat/completions", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * The base URL, without {@code /v1}.
     *
     * @return the URL
     */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Requests answered so far.
     *
     * @return the count
     */
    public long requests() {
        return requests.sum();
    }

    /**
     * The request thread pool's size.
     *
     * @return the threads
     */
    public int threads() {
        return threads;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            sleep(latencyNanos);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
            requests.increment();
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
