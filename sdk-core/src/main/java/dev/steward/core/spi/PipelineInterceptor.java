package dev.steward.core.spi;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;

/**
 * Changes or guards what flows through a governed call, at three slots of the pipeline. Override only the slots you
 * need; the defaults pass everything through.
 *
 * <ol>
 *   <li>{@link #onInput}: the rendered request, after the prompt is chosen and before the budget is reserved, so
 *       before any provider sees it (redaction, injection guard).
 *   <li>{@link #aroundAttempt}: every try of every provider, inside its timeout, retry and circuit breaker (tracing,
 *       per-provider rewriting).
 *   <li>{@link #onAnswer}: the answer, from a provider or the fallback, before the approval gate (restore, validation).
 * </ol>
 *
 * <p>Interceptors run in ascending {@link #priority()}; equal priorities keep their registration order: those added to
 * the builder (in Jakarta EE, the application's CDI beans) before those found with {@link java.util.ServiceLoader}. In
 * {@code aroundAttempt} the first is the outermost. Built-in stages keep their fixed order around these slots.
 *
 * <p>Failures: an exception from {@code onInput} or {@code onAnswer} fails the call closed; a
 * {@link dev.steward.api.StewardException} propagates as it is, anything else is wrapped in
 * {@link dev.steward.api.ExtensionFailedException}. An exception from {@code aroundAttempt} is that attempt's failure:
 * a {@link dev.steward.api.ProviderException} keeps its retriability, anything else is a non-retriable failure and the
 * route goes on to its next provider. Either way the call is audited.
 *
 * <p>Implementations are shared by all calls and must be thread-safe; keep per-call state in
 * {@link CallContext#attribute(String, Object)}.
 */
public interface PipelineInterceptor {

    /** The priority of an interceptor that declares none. */
    int DEFAULT_PRIORITY = 1000;

    /**
     * Where this interceptor runs among the others: lower first.
     *
     * @return the priority
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * Sees, and may replace, the request before any provider does.
     *
     * @param call the call
     * @param request the rendered request
     * @return the request to go on with
     */
    default InferenceRequest onInput(CallContext call, InferenceRequest request) {
        return request;
    }

    /**
     * Wraps one try of one provider.
     *
     * @param attempt which provider and which try
     * @param request the request
     * @param next the rest of the attempt; call it at most once
     * @return the answer to go on with
     */
    default InferenceResponse aroundAttempt(AttemptContext attempt, InferenceRequest request, AttemptChain next) {
        return next.proceed(request);
    }

    /**
     * Sees, and may replace, the answer before the approval gate and the caller do.
     *
     * @param call the call
     * @param answer the answer text
     * @return the answer to go on with
     */
    default String onAnswer(CallContext call, String answer) {
        return answer;
    }
}
