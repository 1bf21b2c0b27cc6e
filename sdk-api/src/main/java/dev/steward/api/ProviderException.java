package dev.steward.api;

import java.time.Duration;

/**
 * A provider failed to answer. Providers throw it; Steward's route decides whether to retry, move to the next
 * provider or give up. Callers see it only as the cause of an {@link InferenceUnavailableException}.
 */
public class ProviderException extends StewardException {

    private final String provider;
    private final boolean retriable;
    private final Duration retryAfter;

    /**
     * Creates an exception.
     *
     * @param provider the provider name
     * @param retriable whether the same request may succeed later (429, 5xx, timeouts, connection resets)
     * @param retryAfter how long the provider asked to wait, or {@code null}
     * @param message what was wrong
     * @param cause the underlying failure, or {@code null}
     */
    public ProviderException(String provider, boolean retriable, Duration retryAfter, String message, Throwable cause) {
        super(null, provider + ": " + message, cause);
        this.provider = provider;
        this.retriable = retriable;
        this.retryAfter = retryAfter;
    }

    /**
     * A failure worth retrying.
     *
     * @param provider the provider name
     * @param message what was wrong
     * @param cause the underlying failure, or {@code null}
     * @return the exception
     */
    public static ProviderException retriable(String provider, String message, Throwable cause) {
        return new ProviderException(provider, true, null, message, cause);
    }

    /**
     * A failure that retrying cannot fix (bad request, bad credentials, malformed reply).
     *
     * @param provider the provider name
     * @param message what was wrong
     * @param cause the underlying failure, or {@code null}
     * @return the exception
     */
    public static ProviderException permanent(String provider, String message, Throwable cause) {
        return new ProviderException(provider, false, null, message, cause);
    }

    /**
     * The provider that failed.
     *
     * @return its name
     */
    public String provider() {
        return provider;
    }

    @Override
    public boolean isRetriable() {
        return retriable;
    }

    /**
     * How long the provider asked to wait before a retry.
     *
     * @return the wait, or {@code null} when it did not say
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
