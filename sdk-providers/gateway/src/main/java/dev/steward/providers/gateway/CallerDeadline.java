package dev.steward.providers.gateway;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds a blocking call on the caller's own thread by interrupting it at a deadline, so that no hand-off to
 * another thread is needed. {@link #finish()} tells whether the deadline struck and guarantees that no interrupt of
 * this deadline is left on the caller afterwards. One instance per call; confined to the calling thread except for
 * the watchdog, which synchronizes through an atomic state.
 */
final class CallerDeadline {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> watchdog;

    private CallerDeadline(Duration timeout, ScheduledExecutorService watchdogs) {
        Thread caller = Thread.currentThread();
        this.watchdog = watchdogs.schedule(
                () -> {
                    if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                        caller.interrupt();
                        state.set(INTERRUPTED);
                    }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Arms a deadline for the calling thread.
     *
     * @param timeout how long the call may take
     * @param watchdogs the scheduler that interrupts the caller at the deadline
     * @return the deadline; call {@link #finish()} when the call returns or fails
     */
    static CallerDeadline start(Duration timeout, ScheduledExecutorService watchdogs) {
        return new CallerDeadline(timeout, watchdogs);
    }

    /**
     * Disarms the deadline.
     *
     * @return {@code true} if the deadline struck (the call was interrupted by it); its interrupt is then cleared
     */
    boolean finish() {
        if (state.compareAndSet(RUNNING, DONE)) {
            watchdog.cancel(false);
            return false;
        }
        while (state.get() != INTERRUPTED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
