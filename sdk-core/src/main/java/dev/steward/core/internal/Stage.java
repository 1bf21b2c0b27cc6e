package dev.steward.core.internal;

/** One step of the governance pipeline; each wraps the next and has one concern. */
public interface Stage {

    /**
     * Runs this step and, unless it stops the call, the rest of the chain.
     *
     * @param call the per-call context
     * @return the answer
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    String invoke(Invocation call) throws InterruptedException;
}
