package dev.steward.api;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A provider's answer. Immutable.
 *
 * @param text the answer text
 * @param model the model that actually answered, as the provider reported it
 * @param usage the tokens consumed
 * @param confidence the answer's confidence in [0, 1] when the provider knows one (a classifier does, a chat model
 *     usually does not)
 */
public record InferenceResponse(String text, String model, TokenUsage usage, OptionalDouble confidence) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if the confidence is outside [0, 1]
     */
    public InferenceResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(confidence, "confidence");
        if (confidence.isPresent() && !(confidence.getAsDouble() >= 0 && confidence.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence.getAsDouble());
        }
    }

    /**
     * An answer without a confidence.
     *
     * @param text the answer text
     * @param model the model that answered
     * @param usage the tokens consumed
     * @return the response
     */
    public static InferenceResponse of(String text, String model, TokenUsage usage) {
        return new InferenceResponse(text, model, usage, OptionalDouble.empty());
    }
}
