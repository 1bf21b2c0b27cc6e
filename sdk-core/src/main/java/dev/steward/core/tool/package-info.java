/**
 * Governed tools: what a model may ask to call while answering a capability, run as the caller, authorized,
 * audited, and held for approval where declared.
 */
package dev.steward.core.tool;
