package dev.steward.core.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.api.ConfigurationException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a tool method as one JSON object, a property per parameter (by the parameter's compiled name):
 * its JSON Schema for the model, and the reading of the arguments the model wrote. Parameter types follow the rules
 * of {@link AnswerType}. Immutable and thread-safe.
 */
public final class JsonArguments {

    private final List<String> names;
    private final List<JavaType> types;
    private final Shape.Obj shape;

    private JsonArguments(List<String> names, List<JavaType> types, Shape.Obj shape) {
        this.names = names;
        this.types = types;
        this.shape = shape;
    }

    /**
     * Derives the arguments of a method.
     *
     * @param method the tool method
     * @param source its {@code Class#method}, for errors
     * @return the arguments
     * @throws ConfigurationException naming {@code source} if a parameter's name is not compiled in or its type has
     *     no fixed JSON shape
     */
    public static JsonArguments of(Method method, String source) {
        List<String> names = new ArrayList<>();
        List<JavaType> types = new ArrayList<>();
        Map<String, Shape> properties = new LinkedHashMap<>();
        for (Parameter p : method.getParameters()) {
            if (!p.isNamePresent()) {
                throw new ConfigurationException(
                        source,
                        "parameter names are not in the class file, so the model cannot name the tool's arguments;"
                                + " compile with -parameters");
            }
            JavaType t = AnswerType.JSON.constructType(p.getParameterizedType());
            properties.put(
                    p.getName(),
                    new AnswerType.Generator(source, p.getParameterizedType()).shape(t, "parameter " + p.getName()));
            names.add(p.getName());
            types.add(t);
        }
        return new JsonArguments(
                List.copyOf(names), List.copyOf(types), new Shape.Obj("the arguments", properties, Map.of()));
    }

    /**
     * The JSON Schema of the arguments object.
     *
     * @return the schema, as JSON text
     */
    public String schema() {
        return shape.schema().toString();
    }

    /**
     * Reads the arguments a model wrote.
     *
     * @param json the arguments object
     * @return the values, in parameter order
     * @throws IllegalArgumentException if they do not fit; the message names paths and expectations, for the model
     */
    public Object[] read(String json) {
        JsonNode node;
        try {
            node = AnswerType.JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the arguments are not JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        shape.check(node, "$", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = AnswerType.JSON.readerFor(types.get(i)).readValue(node.get(names.get(i)));
            } catch (IOException e) {
                throw new IllegalArgumentException("$." + names.get(i) + ": " + e.getMessage());
            }
        }
        return values;
    }

    /**
     * Writes a tool's result for the model: a {@code String} as it is, anything else as JSON.
     *
     * @param result the result, may be {@code null}
     * @return the text
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    public static String result(Object result) {
        if (result instanceof String s) {
            return s;
        }
        try {
            return AnswerType.JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the result as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
