package dev.steward.api;

/**
 * A store the pipeline depends on (the budget ledger, the approval store) could not be reached or refused the
 * operation, so the call fails closed: no answer is released whose budget or approval could not be recorded.
 * Retriable: the same call may succeed once the store is back.
 */
public class StoreUnavailableException extends StewardException {

    private final String store;

    /**
     * Creates the exception.
     *
     * @param capability the capability whose call failed
     * @param store which store failed, for example {@code budget ledger}
     * @param message what failed
     * @param cause the store's own exception
     */
    public StoreUnavailableException(String capability, String store, String message, Throwable cause) {
        super(capability, message, cause);
        this.store = store;
    }

    /**
     * Which store failed.
     *
     * @return for example {@code budget ledger} or {@code approval store}
     */
    public String store() {
        return store;
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
