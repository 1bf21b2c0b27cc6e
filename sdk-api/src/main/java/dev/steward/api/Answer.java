package dev.steward.api;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A governed call's answer with what the caller may want to show beside it. A capability method may return this
 * instead of {@code String}. Immutable.
 *
 * @param text the answer
 * @param confidence the provider's confidence, when it gave one (a classifier does)
 * @param model the model that answered, or {@code null} when the fallback did
 * @param degraded whether the fallback or a cheaper route answered instead of the configured route
 * @param reason why it was degraded, or {@code null}
 */
public record Answer(String text, OptionalDouble confidence, String model, boolean degraded, String reason) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code text} or {@code confidence} is {@code null}
     */
    public Answer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(confidence, "confidence");
    }
}
