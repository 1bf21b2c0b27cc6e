package dev.steward.spring.internal;

import java.util.Optional;

/** The current HTTP request's headers. Implementations must be thread-safe. */
@FunctionalInterface
interface RequestHeaders {

    /** A source that never has headers, for applications that are not servlet applications. */
    RequestHeaders NONE = name -> Optional.empty();

    /**
     * A header of the request the current thread serves.
     *
     * @param name the header name
     * @return its non-blank value, or empty outside a request or when absent
     */
    Optional<String> get(String name);

    /**
     * The headers of Spring MVC's current request, or {@link #NONE} without Spring Web and the Servlet API.
     *
     * @return the headers
     */
    static RequestHeaders current() {
        return Classes.present("org.springframework.web.context.request.RequestContextHolder")
                        && Classes.present("jakarta.servlet.http.HttpServletRequest")
                ? new ServletRequestHeaders()
                : NONE;
    }
}
