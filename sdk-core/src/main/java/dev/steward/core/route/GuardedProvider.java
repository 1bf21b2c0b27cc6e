package dev.steward.core.route;

import dev.steward.api.Attempt;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.internal.Interceptors;
import dev.steward.core.internal.ProviderErrorText;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One provider behind its guards, applied in this order from the outside in: circuit breaker (checked per try),
 * retry, timeout, then the interceptors' {@code aroundAttempt}, then the provider. The timeout interrupts the calling
 * thread at the deadline; a provider must answer interruption (the JDK HTTP client does), or its late answer is
 * discarded as timed out. The breaker counts only the failures its predicate records (by default those a retry could
 * fix: timeouts, 5xx, 429, connection failures), so one capability's bad request cannot open it for every capability;
 * a failure it does not record counts as an answer. Every try is appended to the caller's attempt list, so audit
 * shows each one, and observed. A failure's text is sanitized as soon as the try fails ({@link ProviderErrorText}:
 * bounded, without prompt text, URLs or control characters), so neither the audit record nor the caller nor an
 * observer sees what the provider echoed. Thread-safe.
 */
public final class GuardedProvider {

    private final InferenceProvider provider;
    private final ProviderPolicy policy;
    private final CircuitBreaker breaker;
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final ScheduledExecutorService scheduler;
    private final Sleeper sleeper;
    private final java.time.Clock clock;
    private final Predicate<ProviderException> recordsFailure;
    private final Interceptors interceptors;
    private final StewardObserver observer;
    // read once: the provider's declared model does not change, and each try reports it to observers
    private final String model;

    /**
     * Guards a provider.
     *
     * @param provider the provider
     * @param policy its guards
     * @param breaker its circuit breaker, shared by every route that uses the provider
     * @param scheduler runs the watchdogs that interrupt tries past their timeout
     * @param sleeper waits between retries
     * @param clock measures latency
     * @param recordsFailure which failures the breaker counts
     * @param interceptors wrap each try
     * @param observer is told of each try
     */
    public GuardedProvider(
            InferenceProvider provider,
            ProviderPolicy policy,
            CircuitBreaker breaker,
            ScheduledExecutorService scheduler,
            Sleeper sleeper,
            java.time.Clock clock,
            Predicate<ProviderException> recordsFailure,
            Interceptors interceptors,
            StewardObserver observer) {
        this.provider = provider;
        this.model = provider.model().orElse(null);
        this.policy = policy;
        this.breaker = breaker;
        this.scheduler = scheduler;
        this.sleeper = sleeper;
        this.clock = clock;
        this.recordsFailure = recordsFailure;
        this.interceptors = interceptors;
        this.observer = observer;
    }

    /**
     * The provider behind the guards.
     *
     * @return the provider
     */
    public InferenceProvider provider() {
        return provider;
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
     * @param call the call the tries belong to, for interceptors and observers
     * @param attempts receives one entry per try, including refusals by the open breaker
     * @return the answer
     * @throws ProviderException the last failure when every try failed or the breaker refused
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public InferenceResponse call(InferenceRequest request, CallContext call, List<Attempt> attempts)
            throws InterruptedException {
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
            Try t = new Try(call, name(), attempt, model);
            observer.onAttemptStart(t);
            long start = clock.millis();
            try {
                InferenceResponse response = once(request, t);
                breaker.onSuccess();
                attempts.add(new Attempt(name(), Attempt.Result.SUCCEEDED, elapsed(start), null));
                observer.onAttemptStop(t, response);
                return response;
            } catch (ProviderException raw) {
                // from here on, breaker, observers, audit, fallback and caller see only the sanitized text
                ProviderException e = ProviderErrorText.sanitize(raw, request.messages());
                if (recordsFailure.test(e)) {
                    breaker.onFailure();
                } else {
                    breaker.onIgnoredFailure();
                }
                observer.onAttemptError(t, e);
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

    // The try runs on the caller's thread; a watchdog interrupts it at the deadline, as synchronous timeouts in
    // MicroProfile Fault Tolerance do. A hand-off to a pool thread would cost every call two context switches.
    // A provider that ignores interruption (native code) returns late, and its answer is discarded as timed out.
    private InferenceResponse once(InferenceRequest request, AttemptContext attempt) throws InterruptedException {
        if (policy.timeout() == null) {
            return invokeMapped(request, attempt);
        }
        Thread caller = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(RUNNING);
        ScheduledFuture<?> watchdog = scheduler.schedule(
                () -> {
                    if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                        caller.interrupt();
                        state.set(INTERRUPTED);
                    }
                },
                policy.timeout().toNanos(),
                TimeUnit.NANOSECONDS);
        InferenceResponse response = null;
        ProviderException failure = null;
        try {
            response = invokeMapped(request, attempt);
        } catch (ProviderException e) {
            failure = e;
        } finally {
            if (state.compareAndSet(RUNNING, DONE)) {
                watchdog.cancel(false);
            } else {
                // wait for the watchdog's interrupt to land, then clear it, so none is left on the caller
                while (state.get() != INTERRUPTED) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
            }
        }
        if (state.get() == INTERRUPTED) {
            ProviderException timeout =
                    ProviderException.retriable(name(), "no answer within " + policy.timeout(), new TimeoutException());
            if (failure != null) {
                timeout.addSuppressed(failure);
            }
            throw timeout;
        }
        if (failure != null) {
            throw failure;
        }
        return response;
    }

    // A provider (or an interceptor) that breaks the SPI contract with another exception type still yields a typed,
    // audited failure.
    private InferenceResponse invokeMapped(InferenceRequest request, AttemptContext attempt) {
        InferenceResponse response;
        try {
            response = interceptors.isEmpty()
                    ? provider.infer(request)
                    : interceptors.attempt(attempt, request, provider::infer);
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

    private record Try(CallContext call, String provider, int number, String requestedModel)
            implements AttemptContext {}
}
