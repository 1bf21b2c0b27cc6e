package dev.steward.core.route;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A per-provider circuit breaker: after {@code failureThreshold} consecutive failures it opens and refuses calls for
 * {@code openDuration}; then it lets exactly one probe through (half-open), which closes it on success or opens it
 * again on failure. Thread-safe: every transition is a compare-and-set on one immutable state.
 */
public final class CircuitBreaker {

    /** The breaker's state. */
    public enum State {
        /** Calls flow. */
        CLOSED,
        /** Calls are refused. */
        OPEN,
        /** One probe is in flight. */
        HALF_OPEN
    }

    private record Snapshot(State state, int failures, long openedAtMillis) {}

    private final String name;
    private final int failureThreshold;
    private final Duration openDuration;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(State.CLOSED, 0, 0));

    /**
     * Creates a closed breaker.
     *
     * @param name the provider's name
     * @param failureThreshold consecutive failures that open it; 0 disables the breaker
     * @param openDuration how long it stays open before a probe
     * @param clock the time source
     */
    public CircuitBreaker(String name, int failureThreshold, Duration openDuration, Clock clock) {
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
        this.clock = clock;
    }

    /**
     * The provider's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Asks to make a call. In the open state past its duration, the first caller becomes the half-open probe.
     *
     * @return {@code true} if the call may go ahead; it must then report {@link #onSuccess()} or {@link #onFailure()}
     */
    public boolean tryAcquire() {
        if (failureThreshold == 0) {
            return true;
        }
        while (true) {
            Snapshot s = snapshot.get();
            switch (s.state) {
                case CLOSED:
                    return true;
                case HALF_OPEN:
                    return false;
                default:
                    if (clock.millis() - s.openedAtMillis < openDuration.toMillis()) {
                        return false;
                    }
                    if (snapshot.compareAndSet(s, new Snapshot(State.HALF_OPEN, s.failures, s.openedAtMillis))) {
                        return true;
                    }
            }
        }
    }

    /** Reports a successful call: closes the breaker. */
    public void onSuccess() {
        Snapshot s = snapshot.get();
        if (s.state != State.CLOSED || s.failures != 0) {
            snapshot.set(new Snapshot(State.CLOSED, 0, 0));
        }
    }

    /**
     * Reports a failure the breaker does not count (the provider answered, but refused this request): a half-open
     * probe closes the breaker, since the provider is up; otherwise nothing changes.
     */
    public void onIgnoredFailure() {
        Snapshot s = snapshot.get();
        if (s.state == State.HALF_OPEN) {
            snapshot.compareAndSet(s, new Snapshot(State.CLOSED, 0, 0));
        }
    }

    /** Reports a failed call: counts it, and opens the breaker at the threshold or after a failed probe. */
    public void onFailure() {
        if (failureThreshold == 0) {
            return;
        }
        while (true) {
            Snapshot s = snapshot.get();
            Snapshot next;
            if (s.state == State.HALF_OPEN || s.failures + 1 >= failureThreshold) {
                next = new Snapshot(State.OPEN, s.failures + 1, clock.millis());
            } else if (s.state == State.OPEN) {
                return;
            } else {
                next = new Snapshot(State.CLOSED, s.failures + 1, 0);
            }
            if (snapshot.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /**
     * The current state, for metrics and tests.
     *
     * @return the state
     */
    public State state() {
        return snapshot.get().state;
    }
}
