package dev.steward.api;

import java.util.List;

/** No provider of the route answered and the capability has no fallback. */
public class InferenceUnavailableException extends StewardException {

    private final List<Attempt> attempts;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param message which providers failed and how
     * @param attempts every try, in order
     * @param cause the last provider failure, or {@code null}
     */
    public InferenceUnavailableException(String capability, String message, List<Attempt> attempts, Throwable cause) {
        super(capability, message, cause);
        this.attempts = List.copyOf(attempts);
    }

    /**
     * Every provider try, in order.
     *
     * @return the attempts
     */
    public List<Attempt> attempts() {
        return attempts;
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
