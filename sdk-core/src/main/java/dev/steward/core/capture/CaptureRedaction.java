package dev.steward.core.capture;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces what a set of redactors finds with numbered placeholders ({@code <IBAN_1>}, the same value the same
 * placeholder within one text). Overlaps go to the longest value, then to the redactor listed first. A redactor that
 * throws fails the redaction: a text that could not be inspected is never kept. Immutable and thread-safe.
 */
final class CaptureRedaction {

    private final List<Redactor> redactors;

    CaptureRedaction(List<Redactor> redactors) {
        this.redactors = List.copyOf(redactors);
    }

    boolean isEmpty() {
        return redactors.isEmpty();
    }

    String redact(String text) {
        List<Ranked> all = new ArrayList<>();
        for (int r = 0; r < redactors.size(); r++) {
            for (Redactor.Finding f : redactors.get(r).find(text)) {
                if (f.end() > text.length()) {
                    throw new IllegalStateException(
                            "redactor " + redactors.get(r).name() + " reported [" + f.start() + ", " + f.end()
                                    + ") in a text of " + text.length());
                }
                all.add(new Ranked(f, r));
            }
        }
        if (all.isEmpty()) {
            return text;
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
        Map<String, String> placeholders = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Redactor.Finding f : kept) {
            out.append(text, at, f.start());
            String value = text.substring(f.start(), f.end());
            out.append(placeholders.computeIfAbsent(
                    f.type() + "\u0000" + value,
                    v -> "<" + f.type() + "_" + counts.merge(f.type(), 1, Integer::sum) + ">"));
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private record Ranked(Redactor.Finding finding, int rank) {}
}
