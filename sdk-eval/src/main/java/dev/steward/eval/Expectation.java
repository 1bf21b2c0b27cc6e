package dev.steward.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an eval row expects of the answer, scored without a judge model. Written in a row as the {@code expect}
 * object with exactly one of these members:
 *
 * <ul>
 *   <li>{@code "exact": "text"}: the answer, trimmed, equals the text;
 *   <li>{@code "contains": "text"}: the answer contains the text, ignoring case;
 *   <li>{@code "regex": "pattern"}: the pattern (Java syntax) finds a match in the answer;
 *   <li>{@code "jsonSchema": {…}}: the answer is JSON valid against the schema (the subset {@link JsonSchemaSubset}
 *       supports);
 *   <li>{@code "label": "name"}: a classifier's answer names the label: the trimmed answer, or its JSON member
 *       {@code label}, equals it ignoring case;
 *   <li>{@code "number": 12.5, "tolerance": 0.5}: the first number in the answer is within the tolerance (default 0).
 * </ul>
 *
 * Immutable and thread-safe.
 */
public sealed interface Expectation {

    /**
     * Scores one answer.
     *
     * @param answer the answer text
     * @return whether it passes, and why not
     */
    Verdict score(String answer);

    /**
     * The scorer's name, as reports show it: {@code exact}, {@code contains}, {@code regex}, {@code jsonSchema},
     * {@code label} or {@code number}.
     *
     * @return the name
     */
    String kind();

    /**
     * The outcome of scoring one answer.
     *
     * @param passed whether the answer meets the expectation
     * @param reason why it does not, or {@code null} when it passed
     */
    record Verdict(boolean passed, String reason) {
        static final Verdict PASS = new Verdict(true, null);

        static Verdict fail(String reason) {
            return new Verdict(false, reason);
        }
    }

    /**
     * Reads the {@code expect} object of a row.
     *
     * @param expect the object
     * @return the expectation
     * @throws IllegalArgumentException if it is not an object with exactly one known scorer member, or its value is
     *     malformed (a pattern that does not compile, a schema that is not an object, a non-numeric number)
     */
    static Expectation of(JsonNode expect) {
        if (expect == null || !expect.isObject()) {
            throw new IllegalArgumentException("expect must be an object such as {\"label\": \"motor\"}");
        }
        String[] kinds = {"exact", "contains", "regex", "jsonSchema", "label", "number"};
        String found = null;
        for (String k : kinds) {
            if (expect.has(k)) {
                if (found != null) {
                    throw new IllegalArgumentException("expect has both '" + found + "' and '" + k + "'; give one");
                }
                found = k;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(
                    "expect names no scorer; give one of exact, contains, regex, jsonSchema, label, number");
        }
        JsonNode v = expect.get(found);
        return switch (found) {
            case "exact" -> new Exact(text(v, found));
            case "contains" -> new Contains(text(v, found));
            case "regex" -> {
                try {
                    yield new Regex(Pattern.compile(text(v, found)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("regex does not compile: " + e.getDescription(), e);
                }
            }
            case "jsonSchema" -> new Schema(JsonSchemaSubset.of(v));
            case "label" -> new Label(text(v, found));
            default -> {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("number must be a JSON number, was " + v);
                }
                JsonNode t = expect.path("tolerance");
                if (!t.isMissingNode() && (!t.isNumber() || t.asDouble() < 0)) {
                    throw new IllegalArgumentException("tolerance must be a number >= 0, was " + t);
                }
                yield new Numeric(v.asDouble(), t.isMissingNode() ? 0 : t.asDouble());
            }
        };
    }

    private static String text(JsonNode v, String kind) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(kind + " must be a string, was " + v);
        }
        return v.asText();
    }

    /**
     * The trimmed answer equals the text.
     *
     * @param text the expected text
     */
    record Exact(String text) implements Expectation {
        @Override
        public Verdict score(String answer) {
            return answer.trim().equals(text.trim()) ? Verdict.PASS : Verdict.fail("expected exactly '" + text + "'");
        }

        @Override
        public String kind() {
            return "exact";
        }
    }

    /**
     * The answer contains the text, ignoring case.
     *
     * @param text the expected part
     */
    record Contains(String text) implements Expectation {
        @Override
        public Verdict score(String answer) {
            return answer.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))
                    ? Verdict.PASS
                    : Verdict.fail("expected it to contain '" + text + "'");
        }

        @Override
        public String kind() {
            return "contains";
        }
    }

    /**
     * The pattern finds a match in the answer.
     *
     * @param pattern the pattern
     */
    record Regex(Pattern pattern) implements Expectation {
        @Override
        public Verdict score(String answer) {
            return pattern.matcher(answer).find()
                    ? Verdict.PASS
                    : Verdict.fail("expected a match of /" + pattern + "/");
        }

        @Override
        public String kind() {
            return "regex";
        }
    }

    /**
     * The answer is JSON valid against a schema.
     *
     * @param schema the schema
     */
    record Schema(JsonSchemaSubset schema) implements Expectation {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Verdict score(String answer) {
            JsonNode value;
            try {
                value = JSON.readTree(answer.trim());
            } catch (JsonProcessingException e) {
                return Verdict.fail("expected JSON: " + e.getOriginalMessage());
            }
            return schema.violation(value).map(Verdict::fail).orElse(Verdict.PASS);
        }

        @Override
        public String kind() {
            return "jsonSchema";
        }
    }

    /**
     * A classifier's answer names the label, ignoring case: the trimmed answer, or its JSON member {@code label}.
     *
     * @param label the expected label
     */
    record Label(String label) implements Expectation {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Verdict score(String answer) {
            String said = answer.trim();
            if (said.startsWith("{")) {
                try {
                    said = JSON.readTree(said).path("label").asText(said);
                } catch (JsonProcessingException notJson) {
                    // then the text itself is the label
                }
            }
            return said.equalsIgnoreCase(label) ? Verdict.PASS : Verdict.fail("expected label '" + label + "'");
        }

        @Override
        public String kind() {
            return "label";
        }
    }

    /**
     * The first number in the answer is within a tolerance of the expected one.
     *
     * @param number the expected number
     * @param tolerance the largest accepted absolute difference
     */
    record Numeric(double number, double tolerance) implements Expectation {
        private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?(?:[eE][-+]?\\d+)?");

        @Override
        public Verdict score(String answer) {
            Matcher m = NUMBER.matcher(answer);
            if (!m.find()) {
                return Verdict.fail("expected a number near " + number);
            }
            double said = Double.parseDouble(m.group().replace(',', '.'));
            return Math.abs(said - number) <= tolerance
                    ? Verdict.PASS
                    : Verdict.fail("expected " + number + " ± " + tolerance);
        }

        @Override
        public String kind() {
            return "number";
        }
    }
}
