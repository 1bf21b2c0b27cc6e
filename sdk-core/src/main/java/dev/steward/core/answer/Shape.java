package dev.steward.core.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a Java type, as far as a typed answer needs it: it writes itself as JSON Schema, checks a JSON
 * value against itself with messages that name the path but never the value, and makes a sample value so that the
 * type's deserialization can be tried at deployment.
 */
sealed interface Shape {

    JsonNodeFactory NODES = JsonNodeFactory.instance;

    ObjectNode schema();

    void check(JsonNode node, String path, List<String> problems);

    JsonNode sample();

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A JSON scalar: string (with an optional format), integer, number or boolean. */
    record Scalar(String type, String format) implements Shape {
        @Override
        public ObjectNode schema() {
            ObjectNode s = NODES.objectNode().put("type", type);
            if (format != null) {
                s.put("format", format);
            }
            return s;
        }

        @Override
        public void check(JsonNode node, String path, List<String> problems) {
            boolean ok = switch (type) {
                case "string" -> node.isTextual();
                case "integer" -> node.isIntegralNumber() || (node.isNumber() && node.canConvertToExactIntegral());
                case "number" -> node.isNumber();
                default -> node.isBoolean();
            };
            if (!ok) {
                String expected = switch (type) {
                    case "integer" -> "an integer";
                    case "string" -> format == null ? "a string" : "a string of format " + format;
                    default -> "a " + type;
                };
                problems.add(path + ": expected " + expected + ", got " + kind(node));
            }
        }

        @Override
        public JsonNode sample() {
            return switch (type) {
                case "string" ->
                    NODES.textNode(
                            "date".equals(format)
                                    ? "2000-01-01"
                                    : "date-time".equals(format) ? "2000-01-01T00:00:00Z" : "");
                case "integer" -> NODES.numberNode(0);
                case "number" -> NODES.numberNode(0.0);
                default -> NODES.booleanNode(false);
            };
        }
    }

    /** A string that is one of an enum's constants, as JSON writes them. */
    record Enumeration(List<String> values) implements Shape {
        @Override
        public ObjectNode schema() {
            ObjectNode s = NODES.objectNode().put("type", "string");
            ArrayNode e = s.putArray("enum");
            values.forEach(e::add);
            return s;
        }

        @Override
        public void check(JsonNode node, String path, List<String> problems) {
            if (!node.isTextual() || !values.contains(node.asText())) {
                problems.add(path + ": expected one of " + values + ", got "
                        + (node.isTextual() ? "another string" : kind(node)));
            }
        }

        @Override
        public JsonNode sample() {
            return NODES.textNode(values.get(0));
        }
    }

    /** A JSON array of one shape. */
    record Array(Shape items) implements Shape {
        @Override
        public ObjectNode schema() {
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", items.schema());
            return s;
        }

        @Override
        public void check(JsonNode node, String path, List<String> problems) {
            if (!node.isArray()) {
                problems.add(path + ": expected an array, got " + kind(node));
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                items.check(node.get(i), path + "[" + i + "]", problems);
            }
        }

        @Override
        public JsonNode sample() {
            return NODES.arrayNode();
        }
    }

    /**
     * A JSON object with fixed properties, all required and none other allowed, as OpenAI's strict structured
     * output wants them.
     */
    record Obj(String typeName, Map<String, Shape> properties, Map<String, String> descriptions) implements Shape {
        public Obj {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            descriptions = Map.copyOf(descriptions);
        }

        @Override
        public ObjectNode schema() {
            ObjectNode s = NODES.objectNode().put("type", "object");
            ObjectNode props = s.putObject("properties");
            properties.forEach((name, shape) -> {
                ObjectNode p = shape.schema();
                String description = descriptions.get(name);
                if (description != null) {
                    p.put("description", description);
                }
                props.set(name, p);
            });
            ArrayNode required = s.putArray("required");
            properties.keySet().forEach(required::add);
            s.put("additionalProperties", false);
            return s;
        }

        @Override
        public void check(JsonNode node, String path, List<String> problems) {
            if (!node.isObject()) {
                problems.add(path + ": expected an object (" + typeName + "), got " + kind(node));
                return;
            }
            properties.forEach((name, shape) -> {
                JsonNode value = node.get(name);
                if (value == null) {
                    problems.add(path + "." + name + ": is missing");
                } else {
                    shape.check(value, path + "." + name, problems);
                }
            });
            int unknown = 0;
            for (var names = node.fieldNames(); names.hasNext(); ) {
                if (!properties.containsKey(names.next())) {
                    unknown++;
                }
            }
            if (unknown > 0) {
                // the model chose those names; they are not repeated, since a model may put data into a name
                problems.add(path + ": has " + unknown + " propert" + (unknown == 1 ? "y" : "ies") + " that " + typeName
                        + " does not have; its properties are " + properties.keySet());
            }
        }

        @Override
        public JsonNode sample() {
            ObjectNode o = NODES.objectNode();
            properties.forEach((name, shape) -> o.set(name, shape.sample()));
            return o;
        }
    }
}
