package dev.steward.api;

import java.util.List;
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
 * @param toolCalls the tools the model asks to call before it answers; empty when {@code text} is the answer
 */
public record InferenceResponse(
        String text, String model, TokenUsage usage, OptionalDouble confidence, List<ToolCall> toolCalls) {

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
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (confidence.isPresent() && !(confidence.getAsDouble() >= 0 && confidence.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence.getAsDouble());
        }
    }

    /**
     * An answer without tool calls.
     *
     * @param text the answer text
     * @param model the model that answered
     * @param usage the tokens consumed
     * @param confidence the answer's confidence, if known
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if the confidence is outside [0, 1]
     */
    public InferenceResponse(String text, String model, TokenUsage usage, OptionalDouble confidence) {
        this(text, model, usage, confidence, List.of());
    }

    /**
     * A model's request for tools instead of an answer.
     *
     * @param calls the calls, at least one
     * @param text what the model said beside, often empty
     * @param model the model
     * @param usage the tokens consumed
     * @return the response
     */
    public static InferenceResponse toolCalls(List<ToolCall> calls, String text, String model, TokenUsage usage) {
        return new InferenceResponse(text == null ? "" : text, model, usage, OptionalDouble.empty(), calls);
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
