/**
 * Helpers shared by the providers: setting parsing, prompt flattening, HTTP header parsing.
 *
 * <p>Internal: no compatibility promise; anything here may change or disappear in any release.
 */
package dev.steward.providers.internal;
