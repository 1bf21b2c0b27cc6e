/**
 * A claims application written the way a Jakarta EE team already writes one (JAX-RS, CDI, a simple store), whose
 * AI-assisted steps Steward governs through three annotated methods in {@link dev.steward.samples.claims.ClaimAssistant}.
 */
package dev.steward.samples.claims;
