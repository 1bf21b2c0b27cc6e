package dev.steward.core;

import dev.steward.api.Answer;
import dev.steward.api.CallerContext;
import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.core.answer.AnswerType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code @AiCapability} method of an application object, composed once at startup: its governed capability,
 * whether it returns the answer's value (the text or the typed value) or the whole {@link Answer}, its fallback method
 * and the identity resolver. The
 * integrations (a CDI interceptor, a Spring AOP advice) check each annotated method with
 * {@link #declarationProblem(Method)}, compose it with {@link #compose} and route every intercepted call to
 * {@link #invoke}, so that both validate and run annotated methods alike. Immutable and thread-safe.
 */
public final class GovernedMethod {

    private final GovernedCapability capability;
    private final boolean returnsAnswer;
    private final Method fallback;
    private final IdentityResolver identity;
    private final AnswerType answerType;

    private GovernedMethod(
            GovernedCapability capability, boolean returnsAnswer, Method fallback, IdentityResolver identity) {
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

    /**
     * What is wrong with how a method is declared, before any configuration is read: an {@code @AiCapability} method
     * that cannot be intercepted (static, private, final) or that is abstract; or {@code @RequiresApproval} or a
     * method-level {@code @CostCeiling} without {@code @AiCapability} (an {@code @AiTool} method may carry
     * {@code @RequiresApproval}). The return type, text or a type with a fixed JSON shape, is checked when the
     * capability is composed.
     *
     * @param method a method of an application class
     * @return the problem, starting with {@code Class#method}; empty when the declaration is sound or the method has
     *     none of Steward's annotations
     */
    public static Optional<String> declarationProblem(Method method) {
        if (!method.isAnnotationPresent(AiCapability.class)) {
            if (!method.isAnnotationPresent(AiTool.class)
                    && (method.isAnnotationPresent(RequiresApproval.class)
                            || method.isAnnotationPresent(CostCeiling.class))) {
                return Optional.of(source(method)
                        + ": @RequiresApproval and a method-level @CostCeiling only take effect together with"
                        + " @AiCapability (or @RequiresApproval with @AiTool) on the same method; add"
                        + " @AiCapability(\"<name>\") or remove them");
            }
            return Optional.empty();
        }
        int modifiers = method.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers)) {
            return Optional.of(source(method)
                    + ": an @AiCapability method must be a non-static, non-private, non-final method of a bean so"
                    + " that it can be intercepted");
        }
        if (Modifier.isAbstract(modifiers)) {
            return Optional.of(source(method)
                    + ": @AiCapability on an abstract or interface method is not inherited by implementations, so"
                    + " nothing would be governed; annotate the implementing bean's method");
        }
        return Optional.empty();
    }

    /**
     * Composes a method: reads its annotations into a {@link CapabilityDefinition}, validates it against the
     * configuration and finds its fallback method.
     *
     * @param steward the application's Steward
     * @param method an {@code @AiCapability} method whose {@link #declarationProblem} is empty
     * @param identity who calls, resolved on every call
     * @return the composed method
     * @throws dev.steward.api.StewardException (usually {@link ConfigurationException}) naming {@code Class#method}
     *     if the method's prompt, version, route, ceiling or fallback is invalid
     */
    public static GovernedMethod compose(Steward steward, Method method, IdentityResolver identity) {
        Objects.requireNonNull(identity, "identity");
        CapabilityDefinition definition = CapabilityDefinition.fromMethod(method);
        Method fallback = null;
        if (definition.fallback() != null) {
            try {
                fallback =
                        method.getDeclaringClass().getDeclaredMethod(definition.fallback(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                // unreachable: CapabilityDefinition.fromMethod has already rejected a missing fallback
                throw new ConfigurationException(definition.source() + " fallback", e.getMessage(), e);
            }
        }
        return new GovernedMethod(
                steward.capability(definition), method.getReturnType() == Answer.class, fallback, identity);
    }

    /**
     * Runs one governed call of the method on behalf of the caller the identity resolver names. The method's body
     * does not run: the model's answer (or the fallback's) is the result.
     *
     * @param target the object whose method was called, on which a fallback method runs
     * @param args the call's arguments
     * @return the answer: its text or typed value, or the whole {@link Answer} when the method returns one
     * @throws dev.steward.api.StewardException as the pipeline decides: denied, disabled, over budget, rate limited,
     *     held for approval, or no provider and no fallback answered
     */
    public Object invoke(Object target, Object[] args) {
        CallerContext caller = identity.resolve();
        Fallback answer = fallback == null ? null : (a, cause) -> callFallback(target, a);
        if (answerType.isText()) {
            return returnsAnswer ? capability.answer(caller, args, answer) : capability.invoke(caller, args, answer);
        }
        Answer<?> typed = capability.answer(caller, args, answer);
        return returnsAnswer ? typed : typed.value();
    }

    /**
     * The capability this method runs.
     *
     * @return the governed capability
     */
    public GovernedCapability capability() {
        return capability;
    }

    /**
     * Names a method as Steward's messages do.
     *
     * @param method the method
     * @return {@code fully.qualified.Class#method}
     */
    public static String source(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName();
    }

    /**
     * A message that starts with the method's {@link #source}, adding it unless the message already does.
     *
     * @param method the method
     * @param message what was wrong
     * @return the message, naming the method first
     */
    public static String naming(Method method, String message) {
        String source = source(method);
        return message != null && message.startsWith(source) ? message : source + ": " + message;
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
