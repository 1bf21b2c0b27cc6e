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
 *
 * <p>The watchdog thread belongs to a {@link Watchdog} that the provider creates and closes, so no thread outlives
 * the application that started it (a static executor would keep one thread, and the application's class loader, per
 * redeploy).
 */
public final class CallerDeadline {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> watchdog;

    private CallerDeadline(ScheduledThreadPoolExecutor watchdogs, Duration timeout) {
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

    /**
     * The thread that interrupts callers at their deadlines, started on the first deadline. Thread-safe; closed by
     * its owner, after which no deadline can be armed.
     */
    public static final class Watchdog implements AutoCloseable {

        private final ScheduledThreadPoolExecutor executor;

        /**
         * A watchdog whose thread, once started, has a name.
         *
         * @param threadName the thread's name
         */
        public Watchdog(String threadName) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }

        /**
         * Arms a deadline for the calling thread.
         *
         * @param timeout how long the call may take
         * @return the deadline; call {@link #finish()} when the call returns or fails
         * @throws java.util.concurrent.RejectedExecutionException if the watchdog is closed
         */
        public CallerDeadline start(Duration timeout) {
            return new CallerDeadline(executor, timeout);
        }

        /** Stops the thread; a caller still waiting is no longer interrupted at its deadline. */
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
