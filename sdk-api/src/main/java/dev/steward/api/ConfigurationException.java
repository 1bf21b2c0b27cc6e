package dev.steward.api;

/**
 * A definition-time failure: an annotation or configuration value is invalid. Thrown when Steward starts, so a bad
 * deployment fails before its first call; the message names the key or {@code Class#method} and what would be valid.
 */
public class ConfigurationException extends StewardException {

    private final String key;

    /**
     * Creates an exception.
     *
     * @param key the configuration key or {@code Class#method} at fault
     * @param message what was wrong and what would be valid
     */
    public ConfigurationException(String key, String message) {
        this(key, message, null);
    }

    /**
     * Creates an exception.
     *
     * @param key the configuration key or {@code Class#method} at fault
     * @param message what was wrong and what would be valid
     * @param cause the underlying failure, or {@code null}
     */
    public ConfigurationException(String key, String message, Throwable cause) {
        super(null, key + ": " + message, cause);
        this.key = key;
    }

    /**
     * The configuration key or {@code Class#method} at fault.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
