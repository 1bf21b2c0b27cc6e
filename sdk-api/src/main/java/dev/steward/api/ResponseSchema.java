package dev.steward.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shape a typed answer must have, as a JSON Schema, for providers that can constrain their output to it (OpenAI's
 * {@code response_format} of type {@code json_schema}, a grammar of a local engine). Steward derives it from the
 * capability method's return type; a provider that cannot use it receives the same schema as instructions appended
 * to the prompt instead (see {@link dev.steward.api.spi.InferenceProvider#supportsResponseSchema()}). The root is
 * always a JSON object: a type that is not one (an enum, a list) is the property {@code value} of a wrapping object.
 * Immutable.
 *
 * @param name a name for the schema, of letters, digits, {@code _} and {@code -}, at most 64 characters, as OpenAI
 *     requires
 * @param json the JSON Schema, as JSON text: every property required, no additional properties (OpenAI's strict
 *     mode)
 */
public record ResponseSchema(String name, String json) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if the name is not 1 to 64 letters, digits, {@code _} or {@code -}
     */
    public ResponseSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "schema name '" + name + "' must be 1 to 64 letters, digits, '_' or '-'");
        }
    }
}
