package dev.steward.core.web;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import javax.json.bind.config.PropertyVisibilityStrategy;

/**
 * What JSON-B 1.0 (Java EE 8) reads and writes of this package's views: every instance field, and public methods as
 * usual. Named by this package's {@code javax.json.bind.annotation.JsonbVisibility}, so it is loaded only where that
 * API is present; nothing else uses it. Stateless and thread-safe.
 */
public final class JavaxViewVisibility implements PropertyVisibilityStrategy {

    /** Created by the JSON-B implementation. */
    public JavaxViewVisibility() {}

    @Override
    public boolean isVisible(Field field) {
        return !Modifier.isStatic(field.getModifiers());
    }

    @Override
    public boolean isVisible(Method method) {
        return Modifier.isPublic(method.getModifiers());
    }
}
