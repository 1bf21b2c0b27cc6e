/**
 * The capability register: every governed capability as declared in the code (written at compile time by
 * {@code steward-register} to {@value dev.steward.core.register.CapabilityRegister#RESOURCE}), and the same register
 * merged with the live configuration, for integrations to serve.
 */
package dev.steward.core.register;
