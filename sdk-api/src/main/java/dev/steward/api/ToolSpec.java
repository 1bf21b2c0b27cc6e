package dev.steward.api;

import java.util.Objects;

/**
 * A tool offered to the model with a request: what it is called, what it does and the JSON Schema of its arguments.
 * Immutable.
 *
 * @param name the tool's name, of letters, digits, {@code _} and {@code -}
 * @param description what the tool does, for the model
 * @param parameters the JSON Schema of the arguments object, as JSON text
 */
public record ToolSpec(String name, String description, String parameters) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
    }
}
