package dev.steward.core.spi;

import dev.steward.api.annotation.CostCeiling;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One ceiling of a call, as {@link StewardObserver#onBudget} reports it: whose budget it limits (the call, the
 * caller or the caller's tenant), over which period, its limit and what it has left, in tokens or in micro-units of a
 * currency. The user or tenant the budget belongs to is the call's {@link CallContext#caller() caller}.
 *
 * <p>What is left is read from the budget ledger only when {@link #remaining()} is first asked, so an observer that
 * does not want it costs no ledger read. Thread-safe.
 */
public final class BudgetStatus {

    /** Whose spend a ceiling limits. */
    public enum Scope {
        /** One call ({@code perCall}): the limit is what a single call may spend. */
        CALL,
        /** The calling user ({@code perUser}) over the period. */
        USER,
        /** The caller's tenant ({@code perTenant}) over the period. */
        TENANT
    }

    private final String capability;
    private final Scope scope;
    private final CostCeiling.Period period;
    private final long limit;
    private final String currency;
    private final boolean refused;
    private LongSupplier reader;
    private long remaining;

    /**
     * A ceiling's status.
     *
     * @param capability the capability's name
     * @param scope whose spend the ceiling limits
     * @param period the period it counts in; {@link CostCeiling.Period#CALL} for a per-call ceiling
     * @param limit the limit, in tokens or micro-units of {@code currency}
     * @param currency the ISO 4217 code of a money ceiling, or {@code null} for a token ceiling
     * @param refused whether this ceiling refused the call
     * @param remaining reads what is left, at most once, when {@link #remaining()} is first asked
     * @throws NullPointerException if {@code capability}, {@code scope}, {@code period} or {@code remaining} is
     *     {@code null}
     */
    public BudgetStatus(
            String capability,
            Scope scope,
            CostCeiling.Period period,
            long limit,
            String currency,
            boolean refused,
            LongSupplier remaining) {
        this.capability = Objects.requireNonNull(capability, "capability");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.period = Objects.requireNonNull(period, "period");
        this.limit = limit;
        this.currency = currency;
        this.refused = refused;
        this.reader = Objects.requireNonNull(remaining, "remaining");
    }

    /**
     * The capability whose ceiling this is.
     *
     * @return its name
     */
    public String capability() {
        return capability;
    }

    /**
     * Whose spend the ceiling limits.
     *
     * @return the scope
     */
    public Scope scope() {
        return scope;
    }

    /**
     * The period the ceiling counts in.
     *
     * @return the period; {@link CostCeiling.Period#CALL} for a per-call ceiling
     */
    public CostCeiling.Period period() {
        return period;
    }

    /**
     * The limit.
     *
     * @return tokens, or micro-units of {@link #currency()}
     */
    public long limit() {
        return limit;
    }

    /**
     * The currency of a money ceiling.
     *
     * @return its ISO 4217 code, or {@code null} for a token ceiling
     */
    public String currency() {
        return currency;
    }

    /**
     * Whether the ceiling counts tokens.
     *
     * @return {@code true} for a token ceiling, {@code false} for money
     */
    public boolean isTokens() {
        return currency == null;
    }

    /**
     * Whether this ceiling refused the call (which was then rejected, or degraded to the cheaper route).
     *
     * @return {@code true} if it refused
     */
    public boolean refused() {
        return refused;
    }

    /**
     * What the ceiling has left, in the unit of {@link #limit()}: for a per-user or per-tenant ceiling, the limit minus
     * what has been settled in the current period (calls in flight still hold part of it); for a per-call ceiling, the
     * limit minus what this call consumed (the whole limit when it refused the call). Negative when a provider
     * reported more usage than the call reserved. Read once, on the first ask.
     *
     * @return the amount left
     * @throws dev.steward.api.StoreUnavailableException if the budget ledger cannot be read
     */
    public synchronized long remaining() {
        if (reader != null) {
            remaining = reader.getAsLong();
            reader = null;
        }
        return remaining;
    }

    @Override
    public String toString() {
        return "BudgetStatus[" + capability + " " + scope + "/" + period + " limit=" + limit
                + (isTokens() ? " tokens" : " micro-" + currency) + (refused ? " refused" : "") + "]";
    }
}
