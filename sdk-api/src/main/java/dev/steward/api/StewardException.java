package dev.steward.api;

/**
 * The root of every exception Steward throws. Unchecked: a caller handles the subclasses it cares about.
 *
 * <p>{@link #isRetriable()} tells whether the same call may succeed if repeated later.
 */
public abstract class StewardException extends RuntimeException {

    private final String capability;

    /**
     * Creates an exception.
     *
     * @param capability the capability concerned, or {@code null} when none is
     * @param message what was wrong and what would be right
     * @param cause the underlying failure, or {@code null}
     */
    protected StewardException(String capability, String message, Throwable cause) {
        super(message, cause);
        this.capability = capability;
    }

    /**
     * The capability concerned.
     *
     * @return the capability name, or {@code null}
     */
    public String capability() {
        return capability;
    }

    /**
     * Whether repeating the same call later may succeed.
     *
     * @return {@code false} unless a subclass says otherwise
     */
    public boolean isRetriable() {
        return false;
    }
}
