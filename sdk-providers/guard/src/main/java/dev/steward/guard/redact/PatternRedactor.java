package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment's own pattern, such as a policy or customer number format ({@code steward.guard.redaction.pattern.<TYPE>}):
 * every match is a value of the given type.
 */
public final class PatternRedactor implements Redactor {

    private final String type;
    private final Pattern pattern;

    /**
     * Creates the redactor.
     *
     * @param type the type of its matches, upper case
     * @param pattern the pattern; an empty match is skipped
     */
    public PatternRedactor(String type, Pattern pattern) {
        this.type = Objects.requireNonNull(type, "type");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public String name() {
        return "pattern:" + type;
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                found.add(new Finding(m.start(), m.end(), type));
            }
        }
        return found;
    }
}
