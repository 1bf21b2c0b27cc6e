package dev.steward.core.route;

import dev.steward.api.Attempt;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.spi.InferenceProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One provider behind its guards, applied in this order from the outside in: circuit breaker (checked per try),
 * retry, timeout. Every try is appended to the caller's attempt list, so audit shows each one. Thread-safe.
 */
public final class GuardedProvider {

    private final InferenceProvider provider;
    private final ProviderPolicy policy;
    private final CircuitBreaker breaker;
    private final ExecutorService executor;
    private final Sleeper sleeper;
    private final java.time.Clock clock;

    /**
     * Guards a provider.
     *
     * @param provider the provider
     * @param policy its guards
     * @param breaker its circuit breaker, shared by every route that uses the provider
     * @param executor runs tries that have a timeout
     * @param sleeper waits between retries
     * @param clock measures latency
     */
    public GuardedProvider(
            InferenceProvider provider,
            ProviderPolicy policy,
            CircuitBreaker breaker,
            ExecutorService executor,
            Sleeper sleeper,
            java.time.Clock clock) {
        this.provider = provider;
        this.policy = policy;
        this.breaker = breaker;
        this.executor = executor;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * The provider's name.
     *
     * @return the name
     */
    public String name() {
        return provider.name();
    }

    /**
     * The provider's circuit breaker.
     *
     * @return the breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Tries the provider, retrying retriable failures per policy.
     *
     * @param request the request
     * @param attempts receives one entry per try, including refusals by the open breaker
     * @return the answer
     * @throws ProviderException the last failure when every try failed or the breaker refused
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public InferenceResponse call(InferenceRequest request, List<Attempt> attempts) throws InterruptedException {
        RetryPolicy retry = policy.retry();
        ProviderException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(
                        retry.delay(attempt - 1, ThreadLocalRandom.current().nextDouble(), last.retryAfter()));
            }
            if (!breaker.tryAcquire()) {
                attempts.add(new Attempt(name(), Attempt.Result.SKIPPED_CIRCUIT_OPEN, Duration.ZERO, "circuit open"));
                throw ProviderException.retriable(name(), "circuit breaker is open", null);
            }
            long start = clock.millis();
            try {
                InferenceResponse response = once(request);
                breaker.onSuccess();
                attempts.add(new Attempt(name(), Attempt.Result.SUCCEEDED, elapsed(start), null));
                return response;
            } catch (ProviderException e) {
                breaker.onFailure();
                last = e;
                Attempt.Result result = e.getCause() instanceof TimeoutException
                        ? Attempt.Result.TIMED_OUT
                        : e.isRetriable() ? Attempt.Result.RETRIABLE_FAILURE : Attempt.Result.FAILED;
                attempts.add(new Attempt(name(), result, elapsed(start), e.getMessage()));
                if (!e.isRetriable()) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private Duration elapsed(long startMillis) {
        return Duration.ofMillis(Math.max(0, clock.millis() - startMillis));
    }

    private InferenceResponse once(InferenceRequest request) throws InterruptedException {
        if (policy.timeout() == null) {
            return invokeMapped(request);
        }
        Future<InferenceResponse> future = executor.submit(() -> invokeMapped(request));
        try {
            return future.get(policy.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ProviderException.retriable(name(), "no answer within " + policy.timeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderException pe) {
                throw pe;
            }
            throw ProviderException.permanent(name(), "unexpected failure: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    // A provider that breaks the SPI contract with another exception type still yields a typed, audited failure.
    private InferenceResponse invokeMapped(InferenceRequest request) {
        InferenceResponse response;
        try {
            response = provider.infer(request);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProviderException.permanent(name(), "unexpected failure: " + e, e);
        }
        if (response == null) {
            throw ProviderException.permanent(name(), "returned no response", null);
        }
        return response;
    }
}
