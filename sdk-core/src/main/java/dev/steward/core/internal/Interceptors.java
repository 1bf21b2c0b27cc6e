package dev.steward.core.internal;

import dev.steward.api.ExtensionFailedException;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.StewardException;
import dev.steward.core.spi.AttemptChain;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.PipelineInterceptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The interceptors of one Steward instance, sorted once by priority (stable, so equal priorities keep registration
 * order), and how each slot runs them. Immutable and thread-safe.
 */
public final class Interceptors {

    /** No interceptors. */
    public static final Interceptors NONE = new Interceptors(List.of());

    private final PipelineInterceptor[] all;

    private Interceptors(List<PipelineInterceptor> sorted) {
        this.all = sorted.toArray(new PipelineInterceptor[0]);
    }

    /**
     * Sorts interceptors by priority.
     *
     * @param interceptors in registration order
     * @return the sorted set
     */
    public static Interceptors of(List<PipelineInterceptor> interceptors) {
        List<PipelineInterceptor> sorted = new ArrayList<>(interceptors);
        sorted.forEach(i -> Objects.requireNonNull(i, "interceptor"));
        sorted.sort(Comparator.comparingInt(PipelineInterceptor::priority));
        return sorted.isEmpty() ? NONE : new Interceptors(sorted);
    }

    /**
     * Whether there are none, so callers can skip the slot.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return all.length == 0;
    }

    InferenceRequest input(CallContext call, InferenceRequest request) {
        InferenceRequest r = request;
        for (PipelineInterceptor i : all) {
            try {
                InferenceRequest next = Objects.requireNonNull(i.onInput(call, r), "onInput returned null");
                if (next.maxOutputTokens() > r.maxOutputTokens()) {
                    // the budget reserved for the configured cap; a larger one could overspend it
                    throw new IllegalStateException("onInput raised maxOutputTokens from " + r.maxOutputTokens()
                            + " to " + next.maxOutputTokens());
                }
                r = next;
            } catch (StewardException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExtensionFailedException(
                        call.capability().name(), i.getClass().getName() + "#onInput", e);
            }
        }
        return r;
    }

    String answer(CallContext call, String answer) {
        String a = answer;
        for (PipelineInterceptor i : all) {
            try {
                a = Objects.requireNonNull(i.onAnswer(call, a), "onAnswer returned null");
            } catch (StewardException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExtensionFailedException(
                        call.capability().name(), i.getClass().getName() + "#onAnswer", e);
            }
        }
        return a;
    }

    /**
     * Runs one provider try through every interceptor's {@code aroundAttempt}, the first outermost.
     *
     * @param attempt the try
     * @param request the request
     * @param provider the provider call at the end of the chain
     * @return the answer
     */
    public InferenceResponse attempt(AttemptContext attempt, InferenceRequest request, AttemptChain provider) {
        return new Link(attempt, provider, 0).proceed(request);
    }

    private final class Link implements AttemptChain {
        private final AttemptContext attempt;
        private final AttemptChain provider;
        private final int index;

        Link(AttemptContext attempt, AttemptChain provider, int index) {
            this.attempt = attempt;
            this.provider = provider;
            this.index = index;
        }

        @Override
        public InferenceResponse proceed(InferenceRequest request) {
            if (index == all.length) {
                return provider.proceed(request);
            }
            return all[index].aroundAttempt(attempt, request, new Link(attempt, provider, index + 1));
        }
    }
}
