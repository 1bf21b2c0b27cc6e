package dev.steward.guard.redact;

import dev.steward.api.RedactionFailedException;
import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a set of redactors over a text and resolves their overlaps: the longest value wins, and of equally long ones
 * the redactor listed first. Immutable and thread-safe.
 */
public final class Redaction {

    private final List<Redactor> redactors;

    /**
     * Creates the set.
     *
     * @param redactors the redactors, those that should win ties first
     */
    public Redaction(List<Redactor> redactors) {
        this.redactors = List.copyOf(redactors);
    }

    /**
     * The redactors, in order.
     *
     * @return the redactors
     */
    public List<Redactor> redactors() {
        return redactors;
    }

    /**
     * Finds the values to redact.
     *
     * @param capability the capability whose input this is, for the error
     * @param text the text
     * @return non-overlapping findings, by position
     * @throws RedactionFailedException if a redactor throws or reports a range outside the text
     */
    public List<Redactor.Finding> find(String capability, String text) {
        List<Ranked> all = new ArrayList<>();
        for (int r = 0; r < redactors.size(); r++) {
            Redactor redactor = redactors.get(r);
            List<Redactor.Finding> found;
            try {
                found = redactor.find(text);
                for (Redactor.Finding f : found) {
                    if (f.end() > text.length()) {
                        throw new IllegalStateException(
                                "finding [" + f.start() + ", " + f.end() + ") is outside a text of " + text.length());
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new RedactionFailedException(capability, redactor.name(), e);
            }
            for (Redactor.Finding f : found) {
                all.add(new Ranked(f, r));
            }
        }
        all.sort(Comparator.comparingInt((Ranked k) -> k.finding.start() - k.finding.end())
                .thenComparingInt(k -> k.rank)
                .thenComparingInt(k -> k.finding.start()));
        List<Redactor.Finding> kept = new ArrayList<>();
        for (Ranked k : all) {
            if (kept.stream().noneMatch(f -> f.start() < k.finding.end() && k.finding.start() < f.end())) {
                kept.add(k.finding);
            }
        }
        kept.sort(Comparator.comparingInt(Redactor.Finding::start));
        return kept;
    }

    private record Ranked(Redactor.Finding finding, int rank) {}
}
