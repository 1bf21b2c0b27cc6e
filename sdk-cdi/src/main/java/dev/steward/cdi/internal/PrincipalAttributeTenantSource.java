package dev.steward.cdi.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.Principal;
import java.util.Locale;

/**
 * The tenant from an attribute of the caller principal: a public no-argument method {@code get<Name>()} or
 * {@code <name>()}, for identity stores that return their own principal type (a {@code CallerPrincipal} subclass
 * carrying the tenant). The accessor is looked up once per principal class, so the per-call path reflects on
 * nothing. Thread-safe.
 */
final class PrincipalAttributeTenantSource implements TenantSource {

    private final String attribute;
    private final ClassValue<MethodHandle> accessors = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return accessor(type);
        }
    };

    PrincipalAttributeTenantSource(String attribute) {
        this.attribute = attribute;
    }

    @Override
    public String tenant(Principal principal) {
        MethodHandle accessor = accessors.get(principal.getClass());
        if (accessor == null) {
            return null;
        }
        try {
            Object value = accessor.invoke(principal);
            return value == null ? null : value.toString();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("reading principal attribute '" + attribute + "' failed", e);
        }
    }

    private MethodHandle accessor(Class<?> type) {
        String getter = "get" + attribute.substring(0, 1).toUpperCase(Locale.ROOT) + attribute.substring(1);
        for (String name : new String[] {getter, attribute}) {
            try {
                Method method = type.getMethod(name);
                if (Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                return MethodHandles.publicLookup()
                        .unreflect(method)
                        .asType(MethodType.methodType(Object.class, Principal.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                // try the next spelling; a principal without the attribute has no tenant
            }
        }
        return null;
    }
}
