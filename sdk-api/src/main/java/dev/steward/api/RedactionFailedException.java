package dev.steward.api;

/**
 * A capability's input had to be redacted and a redactor failed to inspect it. The call fails closed: the input
 * reaches no provider, neither redacted nor raw. Not retriable. Its message names the redactor and the class of its
 * failure, never the input; the cause is what the redactor threw, and a redactor that is not built in may have put the
 * input into that exception's message.
 */
public class RedactionFailedException extends StewardException {

    private final String redactor;

    /**
     * Creates the exception.
     *
     * @param capability the capability whose call failed
     * @param redactor the name of the redactor that failed
     * @param cause what it threw
     */
    public RedactionFailedException(String capability, String redactor, Throwable cause) {
        super(
                capability,
                "redactor '" + redactor + "' failed on the input of '" + capability
                        + "'; the call is refused and nothing was sent to a provider: "
                        + (cause == null ? "no cause" : cause.getClass().getName()),
                cause);
        this.redactor = redactor;
    }

    /**
     * The redactor that failed.
     *
     * @return its name
     */
    public String redactor() {
        return redactor;
    }
}
