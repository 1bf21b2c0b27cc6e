package dev.steward.opentelemetry.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Finds the {@link OpenTelemetry} of an observer that {@link java.util.ServiceLoader} created: the CDI bean when a CDI
 * container runs and has one, otherwise {@link GlobalOpenTelemetry}. Open Liberty's {@code mpTelemetry} gives each
 * application its own instance as a CDI bean and leaves {@link GlobalOpenTelemetry} a no-op, so CDI is asked first.
 * CDI is reached by reflection, once per observer, so that this module needs no CDI API where there is none.
 */
public final class OpenTelemetryLookup {

    private static final System.Logger LOG = System.getLogger(OpenTelemetryLookup.class.getName());

    private OpenTelemetryLookup() {}

    /**
     * The OpenTelemetry to report to.
     *
     * @return the CDI bean, or the global instance (a no-op when nothing set one)
     */
    public static OpenTelemetry find() {
        OpenTelemetry bean = fromCdi();
        if (bean != null) {
            LOG.log(System.Logger.Level.DEBUG, "Steward reports to the OpenTelemetry bean of the CDI container");
            return bean;
        }
        return GlobalOpenTelemetry.get();
    }

    private static OpenTelemetry fromCdi() {
        Class<?> cdi;
        try {
            cdi = Class.forName("jakarta.enterprise.inject.spi.CDI", true, OpenTelemetryLookup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // no CDI here: plain Java
        }
        try {
            Object current = cdi.getMethod("current").invoke(null);
            Object instance = cdi.getMethod("select", Class.class, Annotation[].class)
                    .invoke(current, OpenTelemetry.class, new Annotation[0]);
            // through the public interfaces: the container's implementation class may not be accessible
            ClassLoader api = cdi.getClassLoader();
            Method resolvable = Class.forName("jakarta.enterprise.inject.Instance", false, api)
                    .getMethod("isResolvable");
            if (!(Boolean) resolvable.invoke(instance)) {
                return null;
            }
            Method get = Class.forName("jakarta.inject.Provider", false, api).getMethod("get");
            return (OpenTelemetry) get.invoke(instance);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // CDI API present but no container running (IllegalStateException from current()), or no such bean
            LOG.log(System.Logger.Level.DEBUG, "no OpenTelemetry bean from CDI: " + e);
            return null;
        }
    }
}
