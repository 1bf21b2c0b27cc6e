package dev.steward.core.web;

/**
 * The JSON body of every error the resources and the exception mapper return. Immutable.
 *
 * @param error a stable code, for example {@code capability-denied}
 * @param message what was wrong, for a person
 * @param capability the capability concerned, or {@code null}
 * @param approvalId the approval request concerned, or {@code null}
 */
public record ErrorView(String error, String message, String capability, String approvalId) {}
