/** Per-capability, per-user rate limits: token buckets on an injected ticker, the in-memory {@code RateLimiter}. */
package dev.steward.core.ratelimit;
