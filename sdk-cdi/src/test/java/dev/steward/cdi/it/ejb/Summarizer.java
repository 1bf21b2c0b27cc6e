package dev.steward.cdi.it.ejb;

import jakarta.ejb.Local;

/** The business interface through which the application calls {@link SummarizerBean}. */
@Local
public interface Summarizer {

    /**
     * A summary a supervisor must approve.
     *
     * @param claimId the claim
     * @return the released summary
     */
    String summarize(String claimId);

    /**
     * A summary from a route whose only provider is down, so the fallback answers.
     *
     * @param claimId the claim
     * @return the fallback's answer
     */
    String summarizeOffline(String claimId);
}
