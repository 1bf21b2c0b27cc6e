/**
 * Steward's public API: value types and exceptions that applications and integrations see.
 *
 * <p>This package has no runtime dependency; everything in it is immutable and thread-safe.
 */
package dev.steward.api;
