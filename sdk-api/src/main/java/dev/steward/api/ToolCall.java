package dev.steward.api;

import java.util.Objects;

/**
 * A model's request to call a tool, as it came in the provider's answer. Immutable.
 *
 * @param id the provider's id for the call, which the tool's result message must quote
 * @param name the tool's name
 * @param arguments the arguments, as the JSON object text the model wrote; not yet checked
 */
public record ToolCall(String id, String name, String arguments) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
