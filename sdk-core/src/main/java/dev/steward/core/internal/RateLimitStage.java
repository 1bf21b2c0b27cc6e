package dev.steward.core.internal;

import dev.steward.api.RateLimitedException;
import dev.steward.core.ratelimit.TokenBucketRateLimiter;
import java.time.Duration;

/** Refuses a caller who used up their permits for the capability. */
final class RateLimitStage implements Stage {

    private final String capability;
    private final TokenBucketRateLimiter limiter;
    private final Stage next;

    RateLimitStage(String capability, TokenBucketRateLimiter limiter, Stage next) {
        this.capability = capability;
        this.limiter = limiter;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        String user = call.caller.principal() == null ? "<anonymous>" : call.caller.principal();
        Duration wait = limiter.tryAcquire(user);
        if (!wait.isZero()) {
            throw new RateLimitedException(
                    capability,
                    "'" + user + "' exceeded the rate limit of '" + capability + "'; retry after " + wait,
                    wait);
        }
        return next.invoke(call);
    }
}
