package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment's list of terms that must never leave, such as the names of key customers or internal project names
 * ({@code steward.guard.redaction.deny-list.<TYPE>}): each term is found as a whole word, ignoring case.
 */
public final class DenyListRedactor implements Redactor {

    private final String type;
    private final Pattern pattern;

    /**
     * Creates the redactor.
     *
     * @param type the type of the terms, upper case
     * @param terms the terms; blank ones are ignored
     * @throws IllegalArgumentException if no term is left
     */
    public DenyListRedactor(String type, List<String> terms) {
        this.type = Objects.requireNonNull(type, "type");
        List<String> quoted = terms.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                // longest first, so that "Jane Roe Smith" wins over "Jane Roe"
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .toList();
        if (quoted.isEmpty()) {
            throw new IllegalArgumentException("the deny-list of " + type + " has no term");
        }
        this.pattern = Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?:" + String.join("|", quoted) + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String name() {
        return "deny-list:" + type;
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(new Finding(m.start(), m.end(), type));
        }
        return found;
    }
}
