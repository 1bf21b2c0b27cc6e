package dev.steward.api;

/** The prompt registry holds no such prompt id or version. */
public class PromptNotFoundException extends StewardException {

    private final String promptId;
    private final String version;

    /**
     * Creates an exception.
     *
     * @param capability the capability that asked, or {@code null}
     * @param promptId the prompt id
     * @param version the version asked for, or {@code null} for "latest"
     * @param message what the registry does hold
     */
    public PromptNotFoundException(String capability, String promptId, String version, String message) {
        super(capability, message, null);
        this.promptId = promptId;
        this.version = version;
    }

    /**
     * The prompt id asked for.
     *
     * @return the id
     */
    public String promptId() {
        return promptId;
    }

    /**
     * The version asked for.
     *
     * @return the version, or {@code null} for "latest"
     */
    public String version() {
        return version;
    }
}
