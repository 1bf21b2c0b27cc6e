package dev.steward.cdi.internal;

import dev.steward.cdi.StewardExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Turns a call of an {@code @AiCapability} method into a governed call. The method's body is not run: the model's
 * answer (or the declared fallback's) is the return value, as {@code String} or as {@code dev.steward.api.Answer}. It never calls {@link InvocationContext#proceed()}, so it
 * must be the innermost interceptor that matters; see {@link StewardExtension#INTERCEPTOR_PRIORITY}.
 *
 * <p>{@code @Vetoed} and registered by the extension, so that the jar needs no {@code beans.xml} and is never
 * discovered twice.
 */
@Vetoed
@Governed
@Interceptor
@Priority(StewardExtension.INTERCEPTOR_PRIORITY)
public class GovernedInterceptor {

    private final StewardRuntime runtime;

    /**
     * Creates the interceptor.
     *
     * @param runtime the application's Steward runtime
     */
    @Inject
    public GovernedInterceptor(StewardRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Runs the governed call.
     *
     * @param context the intercepted invocation
     * @return the answer, as the method's return type
     * @throws dev.steward.api.StewardException as the pipeline decides: denied, disabled, over budget, rate limited,
     *     held for approval, or no provider and no fallback answered
     */
    @AroundInvoke
    public Object govern(InvocationContext context) {
        return runtime.invoke(context.getMethod(), context.getTarget(), context.getParameters());
    }
}
