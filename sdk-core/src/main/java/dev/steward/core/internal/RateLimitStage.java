package dev.steward.core.internal;

import dev.steward.api.RateLimitedException;
import dev.steward.api.spi.RateLimiter;
import java.time.Duration;

/** Refuses a caller who used up their permits for the capability. */
final class RateLimitStage implements Stage {

    private final String capability;
    private final RateLimiter limiter;
    private final int permits;
    private final Duration period;
    private final Stage next;

    RateLimitStage(String capability, RateLimiter limiter, int permits, Duration period, Stage next) {
        this.capability = capability;
        this.limiter = limiter;
        this.permits = permits;
        this.period = period;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        String user = call.caller.principal() == null ? "<anonymous>" : call.caller.principal();
        Duration wait = limiter.tryAcquire(capability + ":" + user, permits, period);
        if (!wait.isZero()) {
            throw new RateLimitedException(
                    capability,
                    "'" + user + "' exceeded the rate limit of '" + capability + "'; retry after " + wait,
                    wait);
        }
        return next.invoke(call);
    }
}
