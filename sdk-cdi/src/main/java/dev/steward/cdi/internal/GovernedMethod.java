package dev.steward.cdi.internal;

import dev.steward.api.Answer;
import dev.steward.api.CallerContext;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.core.Fallback;
import dev.steward.core.GovernedCapability;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One {@code @AiCapability} method, composed once at deployment: its governed capability, whether it returns the
 * text or the whole {@link Answer}, its fallback method and the identity resolver. Immutable and thread-safe.
 */
final class GovernedMethod {

    private final GovernedCapability capability;
    private final boolean returnsAnswer;
    private final Method fallback;
    private final IdentityResolver identity;

    GovernedMethod(GovernedCapability capability, boolean returnsAnswer, Method fallback, IdentityResolver identity) {
        this.capability = capability;
        this.returnsAnswer = returnsAnswer;
        this.fallback = fallback;
        this.identity = identity;
        if (fallback != null) {
            // a private fallback next to the capability method is the common case
            fallback.setAccessible(true);
        }
    }

    Object invoke(Object target, Object[] args) {
        CallerContext caller = identity.resolve();
        Fallback answer = fallback == null ? null : (a, cause) -> callFallback(target, a);
        return returnsAnswer ? capability.answer(caller, args, answer) : capability.invoke(caller, args, answer);
    }

    private String callFallback(Object target, Object[] args) throws Exception {
        try {
            Object result = fallback.invoke(target, args);
            // an Answer-returning fallback serves an Answer capability; the pipeline marks the answer degraded itself
            return result instanceof Answer a ? a.text() : (String) result;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
