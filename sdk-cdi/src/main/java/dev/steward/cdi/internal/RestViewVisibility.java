package dev.steward.cdi.internal;

import jakarta.json.bind.config.PropertyVisibilityStrategy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * What JSON-B reads and writes of the REST resources' views: every field, and public methods as usual. The views are
 * records, whose components are private fields read through accessors that are not getters; JSON-B 3 knows records,
 * but JSON-B 1.0 (Java EE 8) would see no property at all. Named on the {@code dev.steward.cdi.rest} package.
 * Stateless and thread-safe.
 */
public final class RestViewVisibility implements PropertyVisibilityStrategy {

    /** Created by the JSON-B implementation. */
    public RestViewVisibility() {}

    @Override
    public boolean isVisible(Field field) {
        return !Modifier.isStatic(field.getModifiers());
    }

    @Override
    public boolean isVisible(Method method) {
        return Modifier.isPublic(method.getModifiers());
    }
}
