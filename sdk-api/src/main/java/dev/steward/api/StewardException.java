package dev.steward.api;

/**
 * The root of every exception Steward throws. Unchecked: a caller handles the subclasses it cares about.
 *
 * <p>{@link #isRetriable()} tells whether the same call may succeed if repeated later.
 *
 * <p><b>EJBs and container transactions.</b> This class and every subclass are EJB application exceptions that do
 * not roll back ({@code @ApplicationException(rollback = false, inherited = true)}, in both the {@code jakarta.ejb}
 * and the {@code javax.ejb} variant). When a capability method of a session bean, or anything a session bean calls,
 * throws one, the container hands it to the caller as itself, not wrapped in an {@code EJBException}, and leaves the
 * caller's transaction committable: a refusal, a budget limit or an answer held for approval is Steward's decision
 * about the AI call, never about the application's own work in that transaction. An application that wants the
 * transaction rolled back calls {@code setRollbackOnly()} itself (on its {@code EJBContext} or
 * {@code TransactionManager}). Outside an EJB container the annotations mean nothing; the JVM ignores an annotation
 * whose class is absent, so this jar still needs no EJB API at run time.
 */
@jakarta.ejb.ApplicationException(rollback = false, inherited = true)
@javax.ejb.ApplicationException(rollback = false, inherited = true)
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
