package dev.steward.opentelemetry.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver: accepts {@code POST /v1/traces} with an {@code ExportTraceServiceRequest} in protobuf
 * (the encoding every OpenTelemetry SDK's OTLP exporter speaks) and keeps the spans. It reads the few fields the tests
 * check with a minimal protobuf wire-format reader and skips the rest.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** SpanKind values of the OTLP protobuf schema. */
    static final int KIND_INTERNAL = 1;

    static final int KIND_SERVER = 2;
    static final int KIND_CLIENT = 3;

    /**
     * One received span.
     *
     * @param traceId hex
     * @param spanId hex
     * @param parentSpanId hex, empty for a root span
     * @param name the span's name
     * @param kind the OTLP span kind
     * @param attributes string, boolean, long and double attribute values by key
     * @param statusCode 0 unset, 1 ok, 2 error
     */
    record ReceivedSpan(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            int kind,
            Map<String, Object> attributes,
            int statusCode) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    OtlpTraceReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::handle);
        server.start();
    }

    /**
     * The base URL an exporter's {@code otel.exporter.otlp.endpoint} takes.
     *
     * @return the URL
     */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(exchange.getRequestBody())
                            : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod())
                    || type == null
                    || !type.startsWith("application/x-protobuf")) {
                failures.add(exchange.getRequestMethod() + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            try {
                readRequest(ByteBuffer.wrap(body));
            } catch (RuntimeException e) {
                failures.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private void readRequest(ByteBuffer in) {
        while (in.hasRemaining()) {
            long tag = varint(in);
            if (tag >>> 3 == 1 && (tag & 7) == 2) {
                readResourceSpans(message(in));
            } else {
                skip(in, (int) (tag & 7));
            }
        }
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    private void readResourceSpans(ByteBuffer in) {
        while (in.hasRemaining()) {
            long tag = varint(in);
            if (tag >>> 3 == 2 && (tag & 7) == 2) {
                readScopeSpans(message(in));
            } else {
                skip(in, (int) (tag & 7));
            }
        }
    }

    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    private void readScopeSpans(ByteBuffer in) {
        while (in.hasRemaining()) {
            long tag = varint(in);
            if (tag >>> 3 == 2 && (tag & 7) == 2) {
                spans.add(readSpan(message(in)));
            } else {
                skip(in, (int) (tag & 7));
            }
        }
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        repeated KeyValue attributes = 9; Status status = 15; ... }
    private static ReceivedSpan readSpan(ByteBuffer in) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        int status = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            long tag = varint(in);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> traceId = hex(message(in));
                case 2 -> spanId = hex(message(in));
                case 4 -> parent = hex(message(in));
                case 5 -> name = string(message(in));
                case 6 -> kind = (int) varint(in);
                case 9 -> readKeyValue(message(in), attributes);
                case 15 -> status = readStatus(message(in));
                default -> skip(in, wire);
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, name, kind, Map.copyOf(attributes), status);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }
    // AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; }
    // }
    private static void readKeyValue(ByteBuffer in, Map<String, Object> into) {
        String key = null;
        Object value = null;
        while (in.hasRemaining()) {
            long tag = varint(in);
            if (tag >>> 3 == 1) {
                key = string(message(in));
            } else if (tag >>> 3 == 2) {
                ByteBuffer any = message(in);
                while (any.hasRemaining()) {
                    long t = varint(any);
                    switch ((int) (t >>> 3)) {
                        case 1 -> value = string(message(any));
                        case 2 -> value = varint(any) != 0;
                        case 3 -> value = varint(any);
                        case 4 -> value = any.order(ByteOrder.LITTLE_ENDIAN).getDouble();
                        default -> skip(any, (int) (t & 7));
                    }
                }
            } else {
                skip(in, (int) (tag & 7));
            }
        }
        if (key != null && value != null) {
            into.put(key, value);
        }
    }

    // Status { string message = 2; StatusCode code = 3; }
    private static int readStatus(ByteBuffer in) {
        int code = 0;
        while (in.hasRemaining()) {
            long tag = varint(in);
            if (tag >>> 3 == 3) {
                code = (int) varint(in);
            } else {
                skip(in, (int) (tag & 7));
            }
        }
        return code;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }

    private static ByteBuffer message(ByteBuffer in) {
        int length = (int) varint(in);
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        return slice;
    }

    private static void skip(ByteBuffer in, int wireType) {
        switch (wireType) {
            case 0 -> varint(in);
            case 1 -> in.position(in.position() + 8);
            case 2 -> message(in);
            case 5 -> in.position(in.position() + 4);
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
        }
    }

    private static String hex(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        return HexFormat.of().formatHex(b);
    }

    private static String string(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
