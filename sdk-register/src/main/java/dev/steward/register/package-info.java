/**
 * The annotation processor that writes the capability register at compile time and rejects inconsistent capability
 * declarations with an error at the declaring element. Only {@link dev.steward.register.CapabilityRegisterProcessor}
 * is public; it runs inside the compiler, never in the application.
 */
package dev.steward.register;
