/**
 * Provider routes: an ordered chain of providers, each guarded by its own timeout, retry with backoff and jitter,
 * and circuit breaker. Small classes of Steward's own, one concern each, because core cannot use MicroProfile.
 */
package dev.steward.core.route;
