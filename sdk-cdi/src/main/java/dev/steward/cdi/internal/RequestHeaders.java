package dev.steward.cdi.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The current HTTP request's headers, through the container's built-in {@code HttpServletRequest} bean. Loaded only
 * when the Servlet API is present. Thread-safe.
 */
final class RequestHeaders {

    private final Instance<HttpServletRequest> request;

    private RequestHeaders(Instance<HttpServletRequest> request) {
        this.request = request;
    }

    /**
     * The headers, or a source that never has any when the application is not a servlet application.
     *
     * @param beanManager the bean manager
     * @return the headers
     */
    static RequestHeaders of(BeanManager beanManager) {
        try {
            Class.forName("jakarta.servlet.http.HttpServletRequest", false, RequestHeaders.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return new RequestHeaders(null);
        }
        Instance<HttpServletRequest> instance = beanManager.createInstance().select(HttpServletRequest.class);
        return new RequestHeaders(instance.isResolvable() ? instance : null);
    }

    Optional<String> get(String name) {
        if (request == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(request.get().getHeader(name)).filter(v -> !v.isBlank());
        } catch (RuntimeException notInRequest) {
            // called outside an HTTP request (a timer, a message, an async observer): there is no header to read
            return Optional.empty();
        }
    }
}
