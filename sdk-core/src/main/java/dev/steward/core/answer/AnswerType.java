package dev.steward.core.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.steward.api.Answer;
import dev.steward.api.ConfigurationException;
import dev.steward.api.ResponseSchema;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a capability answers: text, or a value of a Java type whose JSON shape is derived from the type. Mappable
 * types are records and POJOs (their properties as Jackson sees them, {@code @JsonProperty} and
 * {@code @JsonPropertyDescription} honoured), enums, {@code String}, numbers, booleans, {@code LocalDate},
 * {@code Instant}, {@code OffsetDateTime}, and lists, sets and arrays of those; maps, {@code Object}, interfaces,
 * recursive types and type variables are not, since they have no fixed shape. Immutable and thread-safe.
 */
public final class AnswerType {

    private static final String WRAPPER = "value";
    private static final AnswerType TEXT = new AnswerType(String.class, null, null, null, false);

    // one mapper for every typed capability: Jackson caches deserializers per type, so sharing is cheaper
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // an amount of 420.50 stays 420.50: answers are read as a tree first, where a double would round it
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Type type;
    private final JavaType javaType;
    private final Shape shape;
    private final ResponseSchema schema;
    private final boolean wrapped;

    private AnswerType(Type type, JavaType javaType, Shape shape, ResponseSchema schema, boolean wrapped) {
        this.type = type;
        this.javaType = javaType;
        this.shape = shape;
        this.schema = schema;
        this.wrapped = wrapped;
    }

    /**
     * The answer type of text capabilities.
     *
     * @return the type
     */
    public static AnswerType text() {
        return TEXT;
    }

    /**
     * The answer type of a capability method's return type: {@code String}, {@code Answer} and
     * {@code Answer<String>} answer text; {@code Answer<T>} and any other type {@code T} answer a {@code T}.
     *
     * @param returnType the method's generic return type
     * @param source the {@code Class#method}, for the error
     * @return the answer type
     * @throws ConfigurationException naming {@code source} when the type cannot be mapped to a JSON shape, with the
     *     property at fault and what would be valid
     */
    public static AnswerType ofReturnType(Type returnType, String source) {
        Type t = returnType;
        if (t == Answer.class) {
            return TEXT;
        }
        if (t instanceof ParameterizedType p && p.getRawType() == Answer.class) {
            t = p.getActualTypeArguments()[0];
        }
        return of(t, source);
    }

    /**
     * The answer type of a Java type.
     *
     * @param type the type; {@code String} means text
     * @param source where it was declared, for the error
     * @return the answer type
     * @throws ConfigurationException naming {@code source} when the type cannot be mapped to a JSON shape
     */
    public static AnswerType of(Type type, String source) {
        if (type == String.class) {
            return TEXT;
        }
        if (type == void.class || type == Void.class) {
            throw new ConfigurationException(
                    source,
                    "returns void, but an @AiCapability method returns the model's answer: return String, a record,"
                            + " a POJO, an enum, a List of them, or Answer<T>");
        }
        JavaType javaType;
        try {
            javaType = JSON.constructType(type);
        } catch (IllegalArgumentException e) {
            throw unmappable(source, type, type.getTypeName(), "Jackson cannot resolve it: " + e.getMessage());
        }
        Shape shape = new Generator(source, type).shape(javaType, rootName(javaType));
        boolean wrapped = !(shape instanceof Shape.Obj);
        ObjectNode root;
        if (wrapped) {
            root = new Shape.Obj(rootName(javaType), Map.of(WRAPPER, shape), Map.of()).schema();
        } else {
            root = shape.schema();
        }
        // Jackson can build some types only from certain inputs; a type it cannot build at all fails now
        try {
            JSON.readerFor(javaType).readValue(shape.sample());
        } catch (InvalidDefinitionException e) {
            throw unmappable(source, type, type.getTypeName(), "Jackson cannot build it: " + e.getOriginalMessage());
        } catch (java.io.IOException | RuntimeException sampleRefused) {
            // the type's own checks may refuse a sample of zeros and empty strings; that is not a definition problem
        }
        String name = schemaName(javaType);
        return new AnswerType(type, javaType, shape, new ResponseSchema(name, root.toString()), wrapped);
    }

    /**
     * Whether this is a text answer, which is neither parsed nor validated.
     *
     * @return whether it is
     */
    public boolean isText() {
        return shape == null;
    }

    /**
     * The Java type of the answer's value.
     *
     * @return the type, {@code String} for text
     */
    public Type type() {
        return type;
    }

    /**
     * The JSON Schema providers are asked to follow.
     *
     * @return the schema, or {@code null} for text
     */
    public ResponseSchema schema() {
        return schema;
    }

    /**
     * Reads a model's answer: strips a Markdown code fence if there is one, checks the JSON against the schema,
     * binds it to the type and runs the validator on the value.
     *
     * @param text the answer
     * @param validator the constraints to check on the value
     * @return the value, or what was wrong
     */
    public Reading read(String text, AnswerValidator validator) {
        if (isText()) {
            return new Reading(text, null, null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(unfenced(text));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            return new Reading(
                    null, "the answer is not JSON" + where, "the answer is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return new Reading(null, "the answer is empty", "the answer is empty");
        }
        List<String> problems = new ArrayList<>();
        JsonNode valueNode = node;
        if (wrapped) {
            if (!node.isObject() || !node.has(WRAPPER)) {
                problems.add("$: expected an object with the property '" + WRAPPER + "', got " + Shape.kind(node));
            } else {
                if (node.size() > 1) {
                    problems.add("$: has properties other than '" + WRAPPER + "'");
                }
                valueNode = node.get(WRAPPER);
                shape.check(valueNode, "$." + WRAPPER, problems);
            }
        } else {
            shape.check(node, "$", problems);
        }
        if (!problems.isEmpty()) {
            String all = String.join("; ", problems);
            return new Reading(null, all, all);
        }
        Object value;
        try {
            value = JSON.readerFor(javaType).readValue(valueNode);
        } catch (JsonMappingException e) {
            String path = "$" + (wrapped ? "." + WRAPPER : "") + jsonPath(e.getPath());
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Reading(
                    null,
                    path + ": could not be read as " + typeName() + " ("
                            + cause.getClass().getSimpleName() + ")",
                    path + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            return new Reading(null, "could not be read as " + typeName(), e.getMessage());
        }
        List<String> violations = violations(value, validator);
        if (!violations.isEmpty()) {
            String all = String.join("; ", violations);
            return new Reading(null, all, all);
        }
        return new Reading(value, null, null);
    }

    private List<String> violations(Object value, AnswerValidator validator) {
        String base = wrapped ? "$." + WRAPPER : "$";
        List<String> out = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                prefix(validator.violations(item), base + "[" + i++ + "]", out);
            }
        } else if (value != null
                && value.getClass().isArray()
                && !value.getClass().getComponentType().isPrimitive()) {
            Object[] items = (Object[]) value;
            for (int i = 0; i < items.length; i++) {
                prefix(validator.violations(items[i]), base + "[" + i + "]", out);
            }
        } else {
            prefix(validator.violations(value), base, out);
        }
        return out;
    }

    private static void prefix(List<String> violations, String base, List<String> out) {
        for (String v : violations) {
            out.add(v.startsWith(":") || v.startsWith("[") ? base + v : base + "." + v);
        }
    }

    /**
     * Parses an answer that has already passed {@link #read} once, such as a typed answer held for approval and
     * released.
     *
     * @param text the answer's JSON
     * @return the value
     * @throws IllegalArgumentException if it does not fit the type; the message names the path, not the content
     */
    public Object parse(String text) {
        Reading r = read(text, AnswerValidator.NONE);
        if (!r.valid()) {
            throw new IllegalArgumentException("not a valid " + typeName() + ": " + r.problem());
        }
        return r.value();
    }

    /**
     * Writes a value of this type as the JSON a model would answer, for a fallback method that returns the value.
     *
     * @param value the value
     * @return its JSON
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    public String write(Object value) {
        if (isText()) {
            return (String) value;
        }
        try {
            if (wrapped) {
                ObjectNode tree = JSON.createObjectNode();
                tree.set(WRAPPER, JSON.valueToTree(value));
                return JSON.writeValueAsString(tree);
            }
            return JSON.writerFor(javaType).writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write a " + typeName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The type's name, as messages show it.
     *
     * @return the name
     */
    public String typeName() {
        return type.getTypeName();
    }

    @Override
    public String toString() {
        return isText() ? "text" : typeName();
    }

    /**
     * A reading of an answer: its value, or what was wrong.
     *
     * @param value the value, or {@code null} when it was not valid
     * @param problem what was wrong, naming JSON paths and expectations but never the answer's content, or
     *     {@code null}
     * @param detail what was wrong in words that may quote the answer, for the model's repair attempt, or {@code null}
     */
    public record Reading(Object value, String problem, String detail) {
        /**
         * Whether the answer was valid.
         *
         * @return whether it was
         */
        public boolean valid() {
            return problem == null;
        }
    }

    private static String unfenced(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine > 0 && close > firstLine) {
                return t.substring(firstLine + 1, close).strip();
            }
        }
        return t;
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                b.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String rootName(JavaType t) {
        return t.getRawClass().getSimpleName();
    }

    private static String schemaName(JavaType t) {
        String name;
        if (t.isCollectionLikeType() || t.isArrayType()) {
            name = t.getContentType().getRawClass().getSimpleName() + "_list";
        } else {
            name = t.getRawClass().getSimpleName();
        }
        name = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "answer" : name.length() > 64 ? name.substring(0, 64) : name;
    }

    static ConfigurationException unmappable(String source, Type root, String where, String why) {
        return new ConfigurationException(
                source,
                "returns " + root.getTypeName() + ", which cannot be a typed answer: " + where + " " + why
                        + "; a typed answer is a record, a POJO, an enum, a String, a number, a boolean, a LocalDate,"
                        + " an Instant or an OffsetDateTime, or a List, Set or array of them");
    }

    /** Derives the shape of a type, depth first, remembering the path for errors and the types on it for cycles. */
    static final class Generator {
        private static final Set<Class<?>> INTEGERS = Set.of(
                byte.class,
                short.class,
                int.class,
                long.class,
                Byte.class,
                Short.class,
                Integer.class,
                Long.class,
                BigInteger.class);
        private static final Set<Class<?>> NUMBERS =
                Set.of(float.class, double.class, Float.class, Double.class, BigDecimal.class);

        private final String source;
        private final Type root;
        private final Deque<Class<?>> open = new ArrayDeque<>();

        Generator(String source, Type root) {
            this.source = source;
            this.root = root;
        }

        Shape shape(JavaType t, String where) {
            Class<?> raw = t.getRawClass();
            if (raw == String.class || raw == char.class || raw == Character.class) {
                return new Shape.Scalar("string", null);
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return new Shape.Scalar("boolean", null);
            }
            if (INTEGERS.contains(raw)) {
                return new Shape.Scalar("integer", null);
            }
            if (NUMBERS.contains(raw)) {
                return new Shape.Scalar("number", null);
            }
            if (raw == LocalDate.class) {
                return new Shape.Scalar("string", "date");
            }
            if (raw == Instant.class || raw == OffsetDateTime.class) {
                return new Shape.Scalar("string", "date-time");
            }
            if (t.isEnumType()) {
                List<String> names = Arrays.stream(raw.getEnumConstants())
                        .map(c -> JSON.valueToTree(c).asText())
                        .toList();
                if (names.isEmpty()) {
                    throw unmappable(source, root, where, "is an enum without constants");
                }
                return new Shape.Enumeration(names);
            }
            if (t.isArrayType() || (t.isCollectionLikeType() && java.util.Collection.class.isAssignableFrom(raw))) {
                if (t.isArrayType()
                        && t.getContentType().isPrimitive()
                        && t.getContentType().getRawClass() == byte.class) {
                    throw unmappable(source, root, where, "is a byte[], which JSON would carry as base64 text");
                }
                return new Shape.Array(shape(t.getContentType(), where + "[]"));
            }
            if (t.isMapLikeType()) {
                throw unmappable(source, root, where, "is a " + t.toCanonical() + ", which has no fixed properties");
            }
            if (raw == Object.class
                    || raw.isInterface()
                    || Modifier.isAbstract(raw.getModifiers())
                    || raw.isPrimitive()
                    || raw.getName().startsWith("java.")
                    || raw.getName().startsWith("javax.")
                    || raw.getName().startsWith("jakarta.")) {
                throw unmappable(source, root, where, "is a " + t.toCanonical() + ", which has no fixed JSON shape");
            }
            if (open.contains(raw)) {
                throw unmappable(
                        source,
                        root,
                        where,
                        "refers back to " + raw.getName() + ", and a recursive type has no finite JSON shape");
            }
            open.push(raw);
            try {
                return object(t, where);
            } finally {
                open.pop();
            }
        }

        private Shape object(JavaType t, String where) {
            BeanDescription bean = JSON.getDeserializationConfig().introspect(t);
            Map<String, Shape> properties = new LinkedHashMap<>();
            Map<String, String> descriptions = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : bean.findProperties()) {
                if (!p.couldDeserialize()) {
                    continue;
                }
                String name = p.getName();
                properties.put(name, shape(p.getPrimaryType(), where + "." + name));
                String description = p.getMetadata().getDescription();
                if (description != null && !description.isBlank()) {
                    descriptions.put(name, description);
                }
            }
            if (properties.isEmpty()) {
                throw unmappable(
                        source,
                        root,
                        where,
                        "(" + t.getRawClass().getName() + ") has no property Jackson can set: give it record"
                                + " components, or setters or public fields");
            }
            return new Shape.Obj(t.getRawClass().getSimpleName(), properties, descriptions);
        }
    }
}
