package dev.steward.core.web;

import dev.steward.api.Answer;

/**
 * A governed call's answer as the REST endpoints return it, for example after resuming a held tool call. Immutable.
 *
 * @param text the answer: its text, or the JSON of a typed answer
 * @param confidence the provider's confidence, or {@code null} when it gave none
 * @param model the model that answered, or {@code null} when the fallback did
 * @param degraded whether the fallback or a cheaper route answered
 * @param reason why it was degraded, or {@code null}
 */
public record AnswerView(String text, Double confidence, String model, boolean degraded, String reason) {

    /**
     * The view of an answer.
     *
     * @param a the answer
     * @return the view
     */
    public static AnswerView of(Answer<?> a) {
        return new AnswerView(
                a.text(),
                a.confidence().isPresent() ? a.confidence().getAsDouble() : null,
                a.model(),
                a.degraded(),
                a.reason());
    }
}
