package dev.steward.spring.internal;

import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The headers of the servlet request that Spring binds to the serving thread. Loaded only when Spring Web and the
 * Servlet API are present. Thread-safe.
 */
final class ServletRequestHeaders implements RequestHeaders {

    @Override
    public Optional<String> get(String name) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return Optional.ofNullable(servlet.getRequest().getHeader(name)).filter(v -> !v.isBlank());
        }
        // a scheduled task, a message listener, an @Async method: no request, no header
        return Optional.empty();
    }
}
