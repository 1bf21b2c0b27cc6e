/** Approval requests held for human sign-off: the in-memory store. */
package dev.steward.core.approval;
