package dev.steward.cdi.internal;

import dev.steward.api.Answer;
import dev.steward.api.CallerContext;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.core.Fallback;
import dev.steward.core.GovernedCapability;
import dev.steward.core.answer.AnswerType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One {@code @AiCapability} method, composed once at deployment: its governed capability, whether it returns the
 * answer's value (the text or the typed value) or the whole {@link Answer}, its fallback method and the identity
 * resolver. Immutable and thread-safe.
 */
final class GovernedMethod {

    private final GovernedCapability capability;
    private final boolean returnsAnswer;
    private final Method fallback;
    private final IdentityResolver identity;
    private final AnswerType answerType;

    GovernedMethod(GovernedCapability capability, boolean returnsAnswer, Method fallback, IdentityResolver identity) {
        this.capability = capability;
        this.returnsAnswer = returnsAnswer;
        this.fallback = fallback;
        this.identity = identity;
        this.answerType = capability.definition().answerType();
        if (fallback != null) {
            // a private fallback next to the capability method is the common case
            fallback.setAccessible(true);
        }
    }

    Object invoke(Object target, Object[] args) {
        CallerContext caller = identity.resolve();
        Fallback answer = fallback == null ? null : (a, cause) -> callFallback(target, a);
        if (answerType.isText()) {
            return returnsAnswer ? capability.answer(caller, args, answer) : capability.invoke(caller, args, answer);
        }
        Answer<?> typed = capability.answer(caller, args, answer);
        return returnsAnswer ? typed : typed.value();
    }

    // the pipeline checks a fallback's answer as it checks a model's, so a typed one goes in as the JSON it would be
    private String callFallback(Object target, Object[] args) throws Exception {
        Object result;
        try {
            result = fallback.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        // an Answer-returning fallback serves an Answer capability; the pipeline marks the answer degraded itself
        Object value = result instanceof Answer<?> a ? (answerType.isText() ? a.text() : a.value()) : result;
        return answerType.isText() ? (String) value : answerType.write(value);
    }
}
