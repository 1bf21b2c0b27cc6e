package dev.steward.core.answer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Jakarta Bean Validation (or {@code javax.validation}) reached by reflection, so that the core neither imports nor
 * requires it: the default validator checks every constraint on an answer's value.
 */
final class BeanValidation implements AnswerValidator, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BeanValidation.class.getName());

    private final Object factory;
    private final Object validator;
    private final Method validate;
    private final Method propertyPath;
    private final Method message;

    private BeanValidation(Object factory, Object validator, Method validate, Method propertyPath, Method message) {
        this.factory = factory;
        this.validator = validator;
        this.validate = validate;
        this.propertyPath = propertyPath;
        this.message = message;
    }

    static Optional<BeanValidation> find(ClassLoader loader) {
        for (String api : List.of("jakarta.validation", "javax.validation")) {
            Class<?> validation;
            try {
                validation = Class.forName(api + ".Validation", true, loader);
            } catch (ClassNotFoundException | LinkageError absent) {
                continue;
            }
            try {
                Object factory =
                        validation.getMethod("buildDefaultValidatorFactory").invoke(null);
                Class<?> factoryType = Class.forName(api + ".ValidatorFactory", true, loader);
                Class<?> validatorType = Class.forName(api + ".Validator", true, loader);
                Class<?> violationType = Class.forName(api + ".ConstraintViolation", true, loader);
                Object validator = factoryType.getMethod("getValidator").invoke(factory);
                return Optional.of(new BeanValidation(
                        factory,
                        validator,
                        validatorType.getMethod("validate", Object.class, Class[].class),
                        violationType.getMethod("getPropertyPath"),
                        violationType.getMethod("getMessage")));
            } catch (InvocationTargetException e) {
                // the API without a provider (NoProviderFoundException): nothing to validate with
                LOG.log(
                        System.Logger.Level.DEBUG,
                        () -> api + " is present without a provider; typed answers are checked for shape only",
                        e.getCause());
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, () -> api + " could not be used to validate typed answers", e);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> violations(Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> found;
        try {
            found = (Collection<?>) validate.invoke(validator, value, new Class<?>[0]);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("Bean Validation failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Bean Validation cannot be called", e);
        }
        List<String> out = new ArrayList<>(found.size());
        for (Object v : found) {
            try {
                String path = String.valueOf(propertyPath.invoke(v));
                out.add((path.isEmpty() ? ":" : path + ":") + " " + message.invoke(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read a constraint violation", e);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void close() throws Exception {
        if (factory instanceof AutoCloseable c) {
            c.close();
        }
    }
}
