/**
 * Redis store backend: a budget ledger and a rate limiter shared by every instance of an application, each operation
 * one atomic server-side script. Found as the {@code redis} {@link dev.steward.api.spi.StoreFactory}.
 */
package dev.steward.providers.redis;
