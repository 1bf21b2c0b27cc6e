package dev.steward.samples.claims;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The summary the application can always give without a model: the first sentences of the description, cut at a
 * word boundary. It is what the summarize capability degrades to.
 */
final class ExtractiveSummary {

    private ExtractiveSummary() {}

    static String of(String text, int maxChars) {
        String[] sentences = text.trim().split("(?<=[.!?])\\s+");
        StringBuilder out = new StringBuilder();
        for (String s : sentences) {
            if (out.length() + s.length() + 1 > maxChars && out.length() > 0) {
                break;
            }
            out.append(out.length() == 0 ? "" : " ").append(s);
        }
        if (out.length() > maxChars) {
            String cut = out.substring(0, maxChars);
            int space = cut.lastIndexOf(' ');
            return (space > 0 ? cut.substring(0, space) : cut) + "…";
        }
        return Arrays.stream(out.toString().split("\\s+")).collect(Collectors.joining(" "));
    }
}
