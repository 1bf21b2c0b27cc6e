/**
 * Steward's framework-neutral governance pipeline: build a {@link dev.steward.core.Steward} once, register each
 * capability once, and invoke it per call. Integrations (CDI, Spring) adapt their world to this package.
 */
package dev.steward.core;
