package dev.steward.providers.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds a blocking call on the caller's own thread by interrupting it at a deadline, so that no hand-off to
 * another thread is needed. {@link #finish()} tells whether the deadline struck and guarantees that no interrupt of
 * this deadline is left on the caller afterwards. One instance per call; confined to the calling thread except for
 * the watchdog, which synchronizes through an atomic state.
 */
public final class CallerDeadline {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private static final ScheduledThreadPoolExecutor WATCHDOGS = watchdogs();

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> watchdog;

    private CallerDeadline(Duration timeout) {
        Thread caller = Thread.currentThread();
        this.watchdog = WATCHDOGS.schedule(
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
     * @return the deadline; call {@link #finish()} when the call returns or fails
     */
    public static CallerDeadline start(Duration timeout) {
        return new CallerDeadline(timeout);
    }

    /**
     * Disarms the deadline.
     *
     * @return {@code true} if the deadline struck (the call was interrupted by it); its interrupt is then cleared
     */
    public boolean finish() {
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

    private static ScheduledThreadPoolExecutor watchdogs() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "steward-gateway-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
