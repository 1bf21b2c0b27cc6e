package dev.steward.api;

import java.time.Duration;

/** The caller used up the capability's rate limit; retriable after {@link #retryAfter()}. */
public class RateLimitedException extends StewardException {

    private final Duration retryAfter;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param message who exceeded which limit
     * @param retryAfter when a permit is next available
     */
    public RateLimitedException(String capability, String message, Duration retryAfter) {
        super(capability, message, null);
        this.retryAfter = retryAfter;
    }

    /**
     * How long until a permit is available.
     *
     * @return the wait
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
