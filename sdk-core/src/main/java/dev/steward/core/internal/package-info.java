/**
 * The pipeline's stages and their per-call context. Internal: no compatibility promise; use
 * {@link dev.steward.core.Steward}.
 */
package dev.steward.core.internal;
