package dev.steward.providers.embeddings;

import java.util.Objects;

/**
 * One training example of a classifier. Immutable.
 *
 * @param text the example text
 * @param label the label it carries
 */
public record LabelledExample(String text, String label) {

    /**
     * Validates the components.
     *
     * @param text the example text
     * @param label the label it carries
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if a component is blank
     */
    public LabelledExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        if (text.isBlank() || label.isBlank()) {
            throw new IllegalArgumentException("text and label must not be blank");
        }
    }
}
