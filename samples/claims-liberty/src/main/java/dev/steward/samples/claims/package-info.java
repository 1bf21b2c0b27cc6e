/**
 * A claims application written the way a Jakarta EE team already writes one (JAX-RS, CDI, a simple store), whose
 * AI-assisted steps Steward governs through four annotated methods in {@link dev.steward.samples.claims.ClaimAssistant},
 * one of which may call the tools of {@link dev.steward.samples.claims.ClaimTools} as its caller.
 */
package dev.steward.samples.claims;
