package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of one call: each distinct value of a type gets {@code <TYPE_n>}, numbered from 1 in order of
 * appearance, the same everywhere in the call, and is put back in the answer. Confined to the calling thread.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Z][A-Z0-9_]*_\\d+)>");

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /**
     * Replaces the findings in a text by their placeholders.
     *
     * @param text the text
     * @param findings non-overlapping findings in it, by position
     * @return the text with placeholders
     */
    public String replace(String text, List<Redactor.Finding> findings) {
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Redactor.Finding f : findings) {
            out.append(text, at, f.start());
            String value = text.substring(f.start(), f.end());
            String placeholder = byValue.computeIfAbsent(f.type() + '\u0000' + value, k -> {
                int n = counts.merge(f.type(), 1, Integer::sum);
                String p = "<" + f.type() + "_" + n + ">";
                byPlaceholder.put(p.substring(1, p.length() - 1), value);
                return p;
            });
            out.append(placeholder);
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * Puts the original values back for every placeholder of this call; other text, and placeholders this call did
     * not hand out, stay as they are.
     *
     * @param answer the answer
     * @return the answer with the values
     */
    public String restore(String answer) {
        if (byPlaceholder.isEmpty()) {
            return answer;
        }
        Matcher m = PLACEHOLDER.matcher(answer);
        StringBuilder out = new StringBuilder(answer.length());
        while (m.find()) {
            String value = byPlaceholder.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * How many distinct values of each type were replaced.
     *
     * @return counts by type, sorted by type
     */
    public Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }
}
