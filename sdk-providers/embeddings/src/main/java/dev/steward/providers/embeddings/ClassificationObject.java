package dev.steward.providers.embeddings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.api.ProviderException;
import dev.steward.api.ResponseSchema;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fills a typed answer's JSON object from a classification. The schema's properties are recognised by their type:
 * exactly one string property (plain or an {@code enum}, without a {@code format}) receives the label; at most one
 * {@code number} property the confidence; at most one array of strings the reasons. Any other property cannot be
 * filled from a classification, and the request fails as a permanent provider error that names it. Thread-safe.
 */
final class ClassificationObject {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassificationObject() {}

    /**
     * The JSON object for a schema.
     *
     * @param provider the provider's name, for errors
     * @param schema the requested shape
     * @param label the winning label
     * @param confidence its confidence
     * @param reasons why, most telling first
     * @return the object as JSON text
     * @throws ProviderException permanent when the schema is not JSON or is not a shape this classifier can fill
     */
    static String fill(String provider, ResponseSchema schema, String label, double confidence, List<String> reasons) {
        JsonNode root;
        try {
            root = JSON.readTree(schema.json());
        } catch (JsonProcessingException e) {
            throw ProviderException.permanent(provider, "schema '" + schema.name() + "' is not JSON", e);
        }
        JsonNode properties = root.path("properties");
        if (!properties.isObject()) {
            throw unfillable(provider, schema, "it is not an object with properties");
        }
        ObjectNode out = JSON.createObjectNode();
        String labelProperty = null;
        String confidenceProperty = null;
        String reasonsProperty = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode type = p.getValue().path("type");
            String name = p.getKey();
            if (type.asText().equals("string") && !p.getValue().has("format")) {
                labelProperty = only(provider, schema, labelProperty, name, "string");
                JsonNode allowed = p.getValue().path("enum");
                if (allowed.isArray() && !contains(allowed, label)) {
                    throw ProviderException.permanent(
                            provider,
                            "the label '" + label + "' is not among the values " + allowed + " of property '" + name
                                    + "' of schema '" + schema.name() + "'",
                            null);
                }
                out.put(name, label);
            } else if (type.asText().equals("number")) {
                confidenceProperty = only(provider, schema, confidenceProperty, name, "number");
                out.put(name, confidence);
            } else if (type.asText().equals("array")
                    && p.getValue().path("items").path("type").asText().equals("string")
                    && !p.getValue().path("items").has("enum")
                    && !p.getValue().path("items").has("format")) {
                reasonsProperty = only(provider, schema, reasonsProperty, name, "array of strings");
                ArrayNode array = out.putArray(name);
                reasons.forEach(array::add);
            } else {
                throw unfillable(
                        provider,
                        schema,
                        "property '" + name + "' is neither the label (a string), the confidence (a number) nor the"
                                + " reasons (an array of strings)");
            }
        }
        if (labelProperty == null) {
            throw unfillable(provider, schema, "it has no string property for the label");
        }
        return out.toString();
    }

    private static String only(String provider, ResponseSchema schema, String seen, String name, String kind) {
        if (seen != null) {
            throw unfillable(provider, schema, "properties '" + seen + "' and '" + name + "' are both a " + kind);
        }
        return name;
    }

    private static boolean contains(JsonNode values, String label) {
        for (JsonNode v : values) {
            if (v.asText().equals(label)) {
                return true;
            }
        }
        return false;
    }

    private static ProviderException unfillable(String provider, ResponseSchema schema, String why) {
        return ProviderException.permanent(
                provider,
                "a classifier cannot fill schema '" + schema.name() + "': " + why
                        + "; it fills one string (the label), at most one number (the confidence) and at most one"
                        + " array of strings (the reasons)",
                null);
    }
}
