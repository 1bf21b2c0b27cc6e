/** Per-capability, per-user rate limits: token buckets on an injected ticker. */
package dev.steward.core.ratelimit;
