/**
 * Redactors that find personal data by validated patterns (checksums and numbering rules where they exist), by
 * deployment patterns and deny-lists, and the per-call placeholders that replace and restore what they found.
 */
package dev.steward.guard.redact;
