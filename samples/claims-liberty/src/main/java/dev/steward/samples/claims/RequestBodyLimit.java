package dev.steward.samples.claims;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Refuses request bodies over {@link #LIMIT_BYTES} with 413 before they are read into memory: at once when the
 * declared {@code Content-Length} is larger, and while reading when a body without one (chunked) grows past it.
 */
@Provider
@PreMatching
public class RequestBodyLimit implements ContainerRequestFilter {

    /** The largest body the application reads: 1 MiB, far above any claim, decision or approval reason. */
    public static final long LIMIT_BYTES = 1024 * 1024;

    /** Created by the JAX-RS runtime. */
    public RequestBodyLimit() {}

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > LIMIT_BYTES) {
            request.abortWith(tooLarge());
            return;
        }
        request.setEntityStream(new Bounded(request.getEntityStream()));
    }

    static Response tooLarge() {
        return refusal(
                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "body-too-large",
                "the request body exceeds " + LIMIT_BYTES + " bytes");
    }

    static Response refusal(Response.Status status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code, "message", message))
                .build();
    }

    // Counts what the application reads and stops at the limit, so a body without a length cannot fill the heap.
    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > LIMIT_BYTES) {
                throw new WebApplicationException(tooLarge());
            }
        }
    }
}
