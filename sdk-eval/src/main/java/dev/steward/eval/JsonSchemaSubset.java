package dev.steward.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON Schema of the keywords an answer's shape usually needs, checked without a library: {@code type} (one name or
 * an array of {@code object}, {@code array}, {@code string}, {@code number}, {@code integer}, {@code boolean},
 * {@code null}), {@code enum}, {@code required}, {@code properties}, {@code additionalProperties} ({@code false} only),
 * {@code items} (one schema), {@code minimum}, {@code maximum}, {@code minLength}, {@code maxLength}, {@code minItems}
 * and {@code maxItems}. Any other keyword is refused when the schema is read, so a schema never silently checks less
 * than it says. Immutable and thread-safe.
 */
public final class JsonSchemaSubset {

    private static final Set<String> KEYWORDS = Set.of(
            "type",
            "enum",
            "required",
            "properties",
            "additionalProperties",
            "items",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "$schema",
            "title",
            "description");

    private static final Set<String> TYPES =
            Set.of("object", "array", "string", "number", "integer", "boolean", "null");

    private final JsonNode schema;

    private JsonSchemaSubset(JsonNode schema) {
        this.schema = schema;
    }

    /**
     * Reads a schema, checking it and its nested schemas use only the supported keywords.
     *
     * @param schema the schema object
     * @return the schema
     * @throws IllegalArgumentException naming an unsupported keyword or a malformed value
     */
    public static JsonSchemaSubset of(JsonNode schema) {
        check(schema, "$");
        return new JsonSchemaSubset(schema.deepCopy());
    }

    /**
     * The first way a value breaks the schema.
     *
     * @param value the value
     * @return what is wrong, with its JSON path, or empty when the value is valid
     */
    public Optional<String> violation(JsonNode value) {
        return violation(schema, value, "$");
    }

    private static void check(JsonNode schema, String path) {
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("schema at " + path + " must be an object");
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYWORDS.contains(k)) {
                throw new IllegalArgumentException(
                        "schema keyword '" + k + "' at " + path + " is not supported; supported are "
                                + KEYWORDS.stream().sorted().toList());
            }
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            for (JsonNode t : type.isArray() ? type : java.util.List.of(type)) {
                if (!TYPES.contains(t.asText())) {
                    throw new IllegalArgumentException("type '" + t.asText() + "' at " + path + " is not one of "
                            + TYPES.stream().sorted().toList());
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            throw new IllegalArgumentException("additionalProperties at " + path + " must be true or false");
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                check(e.getValue(), path + "." + e.getKey());
            }
        }
        if (schema.has("items")) {
            check(schema.get("items"), path + "[]");
        }
    }

    private static Optional<String> violation(JsonNode schema, JsonNode value, String path) {
        JsonNode type = schema.get("type");
        if (type != null) {
            boolean any = false;
            for (JsonNode t : type.isArray() ? type : java.util.List.of(type)) {
                any |= isOfType(value, t.asText());
            }
            if (!any) {
                return Optional.of(path + " must be of type " + type + ", was " + describe(value));
            }
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean in = false;
            for (JsonNode a : allowed) {
                in |= a.equals(value);
            }
            if (!in) {
                return Optional.of(path + " must be one of " + allowed + ", was " + value);
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum")
                    && value.asDouble() < schema.get("minimum").asDouble()) {
                return Optional.of(path + " must be >= " + schema.get("minimum") + ", was " + value);
            }
            if (schema.has("maximum")
                    && value.asDouble() > schema.get("maximum").asDouble()) {
                return Optional.of(path + " must be <= " + schema.get("maximum") + ", was " + value);
            }
        }
        if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                return Optional.of(path + " must be at least " + schema.get("minLength") + " characters");
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                return Optional.of(path + " must be at most " + schema.get("maxLength") + " characters");
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                return Optional.of(path + " must have at least " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                return Optional.of(path + " must have at most " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    Optional<String> v = violation(schema.get("items"), value.get(i), path + "[" + i + "]");
                    if (v.isPresent()) {
                        return v;
                    }
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) {
                    return Optional.of(path + " must have member '" + r.asText() + "'");
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode sub = properties.get(e.getKey());
                if (sub != null) {
                    Optional<String> v = violation(sub, e.getValue(), path + "." + e.getKey());
                    if (v.isPresent()) {
                        return v;
                    }
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    return Optional.of(path + " must not have member '" + e.getKey() + "'");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isOfType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "boolean" -> v.isBoolean();
            default -> v.isNull();
        };
    }

    private static String describe(JsonNode v) {
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
