/**
 * Steward for CDI containers (Jakarta EE 10, MicroProfile): the portable extension that governs {@code @AiCapability}
 * methods, and the CDI events an application observes for audit records and approvals.
 *
 * <p>Add {@code steward-cdi} to the application; the jar has no {@code beans.xml}, its extension registers everything.
 */
package dev.steward.cdi;
