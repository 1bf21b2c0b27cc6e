package dev.steward.cdi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.core.web.DecisionRequest;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * Reads a resource's JSON request body itself, so that hostile input gets a JSON {@link ErrorView} from Steward's
 * resources without an exception mapper that would change how the application's own endpoints answer: 413 for a
 * body over the limit, refused from its {@code Content-Length} before any byte is read, or as soon as a body without
 * one (chunked) passes the limit, so at most the limit is ever held in memory; 400 for a body that is not JSON, or
 * not the expected shape.
 */
final class RequestBody {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private RequestBody() {}

    /**
     * The body of an approve or reject request.
     *
     * @param body the raw body, or {@code null}
     * @param contentLength the {@code Content-Length} header, or {@code null} (chunked)
     * @param maxBytes the limit
     * @return the decision; without a body, one without a reason
     * @throws jakarta.ws.rs.WebApplicationException 413 over the limit, 400 for anything but
     *     {@code {"reason": "..."}} with a string or null reason
     */
    static DecisionRequest decision(InputStream body, String contentLength, int maxBytes) {
        JsonNode root = read(body, contentLength, maxBytes);
        DecisionRequest decision = new DecisionRequest();
        if (root == null || root.isMissingNode()) {
            return decision;
        }
        if (!root.isObject()) {
            throw badBody("the body must be a JSON object such as {\"reason\": \"...\"}, was a JSON "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("reason")) {
                throw badBody("unknown field '" + shorten(name) + "'; the body is {\"reason\": \"...\"}");
            }
        }
        JsonNode reason = root.path("reason");
        if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
            throw badBody("reason must be a string or null, was a JSON "
                    + reason.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        decision.setReason(reason.isTextual() ? reason.textValue() : null);
        return decision;
    }

    private static JsonNode read(InputStream body, String contentLength, int maxBytes) {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                // the container has already refused a malformed Content-Length; nothing to trust here
                declared = -1;
            }
            if (declared > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        if (body == null) {
            return null;
        }
        try (InputStream limited = new Limited(body, maxBytes)) {
            return JSON.readTree(limited);
        } catch (TooLarge e) {
            throw tooLarge(maxBytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            // the parser's own message quotes the input: the caller learns where, not an echo of what they sent
            throw RestAccess.error(
                    Response.Status.BAD_REQUEST, "malformed-json", "the body is not valid JSON" + where, null, null);
        } catch (IOException e) {
            throw RestAccess.error(
                    Response.Status.BAD_REQUEST, "unreadable-body", "the body could not be read", null, null);
        }
    }

    private static jakarta.ws.rs.WebApplicationException badBody(String message) {
        return RestAccess.error(Response.Status.BAD_REQUEST, "bad-body", message, null, null);
    }

    private static jakarta.ws.rs.WebApplicationException tooLarge(int maxBytes) {
        return RestAccess.error(
                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "body-too-large",
                "the body exceeds " + maxBytes + " bytes (steward.cdi.rest.max-body-bytes)",
                null,
                null);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Signals that the body passed the limit; never leaves this class. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("body over the limit", null);
        }
    }

    /** Fails as soon as more than the limit has been read. Confined to the request's thread. */
    private static final class Limited extends FilterInputStream {

        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new TooLarge();
            }
        }

        @Override
        public void close() {
            // the container owns the request's stream: closing it early could cut the response
        }
    }
}
