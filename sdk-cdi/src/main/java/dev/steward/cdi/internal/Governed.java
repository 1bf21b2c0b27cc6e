package dev.steward.cdi.internal;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The interceptor binding the extension adds to every {@code @AiCapability} method. The SDK's own annotations cannot
 * be bindings: {@code steward-api} depends on nothing, not even on CDI.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Governed {

    /** The annotation instance the extension adds. */
    final class Literal extends AnnotationLiteral<Governed> implements Governed {
        private static final long serialVersionUID = 1L;

        /** The single instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {}
    }
}
