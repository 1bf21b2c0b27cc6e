package dev.steward.api;

/**
 * The audit sink refused a record. Steward fails closed: the call's result is withheld, because an unaudited answer
 * must not count.
 */
public class AuditFailedException extends StewardException {

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param message which record could not be stored
     * @param cause the sink's failure
     */
    public AuditFailedException(String capability, String message, Throwable cause) {
        super(capability, message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
