package dev.steward.api.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the durable stores of one kind of backend (a database, Redis) from the keys under
 * {@code steward.store.<type>.}. Configuration chooses which store comes from where: {@code steward.audit.sink},
 * {@code steward.budget.ledger}, {@code steward.approval.store} and {@code steward.rate-limit.store} each name
 * {@code memory} (or {@code jsonl} for the audit sink) or the {@link #type()} of a factory. Factories are found with {@link java.util.ServiceLoader} or
 * registered on the builder. Steward opens each configured type once and closes what it opened when it closes.
 * Implementations must be thread-safe.
 */
public interface StoreFactory {

    /**
     * The backend's name, as configuration uses it.
     *
     * @return for example {@code jdbc} or {@code redis}
     */
    String type();

    /**
     * The settings this backend reads below {@code steward.store.<type>.}; any other key there fails startup.
     *
     * @return the setting names, for example {@code url}, {@code datasource}
     */
    Set<String> keys();

    /**
     * Opens the backend: connects, and applies its schema when configured to.
     *
     * @param context the settings and what the stores share with the pipeline
     * @return the stores it offers
     * @throws dev.steward.api.ConfigurationException naming the key of a missing or invalid setting, or when the
     *     backend cannot be reached or prepared
     */
    Stores open(Context context);

    /**
     * What a backend is opened with.
     *
     * @param settings the keys under {@code steward.store.<type>.}, read with core's parser
     * @param auditWriteTimeout the longest a call may wait for its audit record ({@code steward.audit.write-timeout})
     * @param clock the wall clock of the pipeline (budget windows, expiry)
     */
    record Context(ProviderSettings settings, Duration auditWriteTimeout, Clock clock) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if a component is {@code null}
         */
        public Context {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(auditWriteTimeout, "auditWriteTimeout");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /**
     * The stores an opened backend offers; each is created when first asked for and shares the backend's
     * connections. Closing releases them.
     */
    interface Stores extends AutoCloseable {

        /**
         * The audit sink of this backend.
         *
         * @return the sink, or empty if the backend has none
         */
        default Optional<AuditSink> auditSink() {
            return Optional.empty();
        }

        /**
         * The budget ledger of this backend.
         *
         * @return the ledger, or empty if the backend has none
         */
        default Optional<BudgetLedger> budgetLedger() {
            return Optional.empty();
        }

        /**
         * The approval store of this backend.
         *
         * @return the store, or empty if the backend has none
         */
        default Optional<ApprovalStore> approvalStore() {
            return Optional.empty();
        }

        /**
         * The rate limiter of this backend, shared by every Steward instance that uses the backend.
         *
         * @return the limiter, or empty if the backend has none
         */
        default Optional<RateLimiter> rateLimiter() {
            return Optional.empty();
        }

        /**
         * The capture store of this backend, for {@code steward.capture.store}.
         *
         * @return the store, or empty if the backend has none
         */
        default Optional<CaptureStore> captureStore() {
            return Optional.empty();
        }

        /** Releases the backend's connections and threads. The default holds nothing. */
        @Override
        default void close() {}
    }
}
