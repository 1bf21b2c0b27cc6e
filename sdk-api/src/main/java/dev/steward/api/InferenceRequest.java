package dev.steward.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Steward asks a provider to answer. Immutable.
 *
 * @param capability the capability name
 * @param prompt the prompt version the messages were rendered from
 * @param messages the rendered messages, in order
 * @param variables the variables bound into the prompt, by name (for providers that work on inputs rather than on
 *     text, such as a classifier)
 * @param maxOutputTokens the most tokens the answer may have
 * @param caller who is calling, for identity propagation
 * @param responseSchema the shape a typed answer must have, or {@code null} for a text answer
 * @param tools the tools the model may ask to call; empty for none
 */
public record InferenceRequest(
        String capability,
        PromptTemplate prompt,
        List<ChatMessage> messages,
        Map<String, Object> variables,
        int maxOutputTokens,
        CallerContext caller,
        ResponseSchema responseSchema,
        List<ToolSpec> tools) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if {@code maxOutputTokens} is not positive
     */
    public InferenceRequest {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(prompt, "prompt");
        messages = List.copyOf(messages);
        variables = Map.copyOf(variables);
        Objects.requireNonNull(caller, "caller");
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
        }
    }

    /**
     * A request for a text answer.
     *
     * @param capability the capability name
     * @param prompt the prompt version the messages were rendered from
     * @param messages the rendered messages, in order
     * @param variables the variables bound into the prompt, by name
     * @param maxOutputTokens the most tokens the answer may have
     * @param caller who is calling
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if {@code maxOutputTokens} is not positive
     */
    public InferenceRequest(
            String capability,
            PromptTemplate prompt,
            List<ChatMessage> messages,
            Map<String, Object> variables,
            int maxOutputTokens,
            CallerContext caller) {
        this(capability, prompt, messages, variables, maxOutputTokens, caller, null, List.of());
    }

    /**
     * This request with other messages and everything else kept, for extensions that rewrite the input.
     *
     * @param newMessages the messages
     * @return the request
     * @throws NullPointerException if {@code newMessages} is {@code null}
     */
    public InferenceRequest withMessages(List<ChatMessage> newMessages) {
        return new InferenceRequest(
                capability, prompt, newMessages, variables, maxOutputTokens, caller, responseSchema, tools);
    }

    /**
     * This request asking for an answer of a shape, or for text.
     *
     * @param schema the shape, or {@code null} for a text answer
     * @return the request
     */
    public InferenceRequest withResponseSchema(ResponseSchema schema) {
        return new InferenceRequest(capability, prompt, messages, variables, maxOutputTokens, caller, schema, tools);
    }

    /**
     * This request offering tools.
     *
     * @param offered the tools, empty for none
     * @return the request
     */
    public InferenceRequest withTools(List<ToolSpec> offered) {
        return new InferenceRequest(
                capability, prompt, messages, variables, maxOutputTokens, caller, responseSchema, offered);
    }
}
