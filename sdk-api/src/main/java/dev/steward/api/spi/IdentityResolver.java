package dev.steward.api.spi;

import dev.steward.api.CallerContext;

/**
 * Tells who is calling, from the container's security (Jakarta Security, Spring Security, MicroProfile JWT).
 * Integrations call it once per governed call. Implementations must be thread-safe.
 */
public interface IdentityResolver {

    /**
     * The current caller.
     *
     * @return the caller; {@link CallerContext#anonymous(String)} when nobody is authenticated, never {@code null}
     */
    CallerContext resolve();
}
