/**
 * The CDI adapter's moving parts: interceptor, runtime, MicroProfile Config and Jakarta Security adapters.
 *
 * <p>Internal: no compatibility promise; applications use {@code dev.steward.cdi} and {@code dev.steward.cdi.rest}.
 */
package dev.steward.cdi.internal;
