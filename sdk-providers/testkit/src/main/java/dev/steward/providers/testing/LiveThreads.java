package dev.steward.providers.testing;

import java.time.Duration;

/** Counts the live threads whose name starts with a prefix, to check that a provider's close() released them. */
public final class LiveThreads {

    private LiveThreads() {}

    /**
     * The live threads named with a prefix.
     *
     * @param prefix the start of the thread names
     * @return how many are alive
     */
    public static long named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }

    /**
     * Waits until no live thread is named with a prefix.
     *
     * @param prefix the start of the thread names
     * @param atMost how long to wait
     * @return how many are still alive when it stopped waiting: 0 on success
     * @throws InterruptedException if interrupted while waiting
     */
    public static long awaitNone(String prefix, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long alive = named(prefix);
        while (alive > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = named(prefix);
        }
        return alive;
    }
}
