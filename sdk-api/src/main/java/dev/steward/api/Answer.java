package dev.steward.api;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A governed call's answer with what the caller may want to show beside it. A capability method may return this
 * instead of its value: {@code Answer<String>} (or the raw {@code Answer}) beside a text answer, {@code Answer<T>}
 * beside a typed one (a record, a POJO, an enum or a list of them). Immutable when its value is.
 *
 * @param <T> the type of the value: {@code String} for a text answer
 * @param text the answer as the model (or the fallback) gave it: the text, or the JSON of a typed answer
 * @param value the answer as the capability's type: the text itself for a text answer, else the parsed and
 *     validated value
 * @param confidence the provider's confidence, when it gave one (a classifier does)
 * @param model the model that answered, or {@code null} when the fallback did
 * @param degraded whether the fallback or a cheaper route answered instead of the configured route
 * @param reason why it was degraded, or {@code null}
 */
public record Answer<T>(
        String text, T value, OptionalDouble confidence, String model, boolean degraded, String reason) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code text}, {@code value} or {@code confidence} is {@code null}
     */
    public Answer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(confidence, "confidence");
    }

    /**
     * A text answer, whose value is its text.
     *
     * @param text the answer
     * @param confidence the provider's confidence, when it gave one
     * @param model the model that answered, or {@code null} when the fallback did
     * @param degraded whether the fallback or a cheaper route answered
     * @param reason why it was degraded, or {@code null}
     * @return the answer
     * @throws NullPointerException if {@code text} or {@code confidence} is {@code null}
     */
    public static Answer<String> ofText(
            String text, OptionalDouble confidence, String model, boolean degraded, String reason) {
        return new Answer<>(text, text, confidence, model, degraded, reason);
    }
}
