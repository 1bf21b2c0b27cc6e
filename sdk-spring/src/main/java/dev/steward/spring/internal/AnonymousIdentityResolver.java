package dev.steward.spring.internal;

import dev.steward.api.CallerContext;
import dev.steward.api.spi.IdentityResolver;
import java.util.UUID;

/**
 * The resolver for applications without Spring Security and without an {@link IdentityResolver} bean: every caller
 * is anonymous, so capabilities refuse them unless configured with {@code allow-anonymous}. Fails closed on purpose.
 */
final class AnonymousIdentityResolver implements IdentityResolver {

    private final RequestHeaders headers;
    private final String correlationHeader;

    AnonymousIdentityResolver(RequestHeaders headers, String correlationHeader) {
        this.headers = headers;
        this.correlationHeader = correlationHeader;
    }

    @Override
    public CallerContext resolve() {
        return CallerContext.anonymous(
                headers.get(correlationHeader).orElseGet(() -> UUID.randomUUID().toString()));
    }
}
