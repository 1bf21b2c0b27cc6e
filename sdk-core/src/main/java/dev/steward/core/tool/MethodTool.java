package dev.steward.core.tool;

import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.core.answer.JsonArguments;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A tool that is an {@link AiTool} method of an object: the model's arguments are bound to its parameters by name, and
 * its return value goes back as JSON. {@link RequiresApproval} on the method holds each call for an approver.
 * Thread-safe when the target is.
 */
public final class MethodTool implements Tool {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String name;
    private final String description;
    private final String source;
    private final Method method;
    private final Supplier<?> target;
    private final JsonArguments arguments;
    private final Approval approval;

    private MethodTool(
            String name,
            String description,
            String source,
            Method method,
            Supplier<?> target,
            JsonArguments arguments,
            Approval approval) {
        this.name = name;
        this.description = description;
        this.source = source;
        this.method = method;
        this.target = target;
        this.arguments = arguments;
        this.approval = approval;
    }

    /**
     * Reads an {@link AiTool} method.
     *
     * @param method the method
     * @param target the object to call it on, asked on every call (a CDI contextual reference, a Spring bean)
     * @return the tool
     * @throws ConfigurationException naming {@code Class#method} if the method has no {@code @AiTool}, its name is not
     *     1 to 64 letters, digits, {@code _} or {@code -}, a parameter type has no fixed JSON shape, or its
     *     {@code @RequiresApproval} has no role or an invalid expiry
     */
    public static MethodTool of(Method method, Supplier<?> target) {
        String source = method.getDeclaringClass().getName() + "#" + method.getName();
        AiTool tool = method.getAnnotation(AiTool.class);
        if (tool == null) {
            throw new ConfigurationException(source, "is not annotated with @AiTool");
        }
        String name = tool.name().isEmpty() ? method.getName() : tool.name();
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(
                    source + " @AiTool.name", "'" + name + "' must be 1 to 64 letters, digits, '_' or '-'");
        }
        Approval approval = null;
        RequiresApproval requires = method.getAnnotation(RequiresApproval.class);
        if (requires != null) {
            try {
                approval = new Approval(requires.role(), Duration.parse(requires.expiry()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new ConfigurationException(source + " @RequiresApproval", e.getMessage(), e);
            }
        }
        method.setAccessible(true);
        return new MethodTool(
                name, tool.description(), source, method, target, JsonArguments.of(method, source), approval);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String parameters() {
        return arguments.schema();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<Approval> approval() {
        return Optional.ofNullable(approval);
    }

    @Override
    public String call(String json) throws Exception {
        Object[] values = arguments.read(json);
        Object result;
        try {
            result = method.invoke(target.get(), values);
        } catch (InvocationTargetException e) {
            // an IllegalArgumentException from inside the tool is its failure, not the model's arguments' fault
            if (e.getCause() instanceof IllegalArgumentException inside) {
                throw new IllegalStateException(source + " failed", inside);
            }
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        return method.getReturnType() == void.class ? "{\"done\":true}" : JsonArguments.result(result);
    }
}
