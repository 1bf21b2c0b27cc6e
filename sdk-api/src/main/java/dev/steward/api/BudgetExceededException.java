package dev.steward.api;

/** A cost ceiling would be exceeded by the call; nothing was spent. */
public class BudgetExceededException extends StewardException {

    private final String budget;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param budget which ceiling refused, for example {@code tenant:acme/DAY}
     * @param message the limit, what was spent and what the call would have cost
     */
    public BudgetExceededException(String capability, String budget, String message) {
        super(capability, message, null);
        this.budget = budget;
    }

    /**
     * Which ceiling refused.
     *
     * @return the budget's name
     */
    public String budget() {
        return budget;
    }
}
