package dev.steward.core.internal;

/** Runs listener callbacks so that a failing listener never changes a call's outcome. */
final class Listeners {

    private static final System.Logger LOG = System.getLogger("dev.steward.core.listener");

    private Listeners() {}

    static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a Steward listener failed; the call is unaffected", e);
        }
    }
}
