package dev.steward.core.route;

import dev.steward.api.Attempt;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.spi.InferenceProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider behind its guards, applied in this order from the outside in: circuit breaker (checked per try),
 * retry, timeout. The timeout interrupts the calling thread at the deadline; a provider must answer interruption
 * (the JDK HTTP client does), or its late answer is discarded as timed out. Every try is appended to the caller's attempt list, so audit shows each one. Thread-safe.
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

    /**
     * Guards a provider.
     *
     * @param provider the provider
     * @param policy its guards
     * @param breaker its circuit breaker, shared by every route that uses the provider
     * @param scheduler runs the watchdogs that interrupt tries past their timeout
     * @param sleeper waits between retries
     * @param clock measures latency
     */
    public GuardedProvider(
            InferenceProvider provider,
            ProviderPolicy policy,
            CircuitBreaker breaker,
            ScheduledExecutorService scheduler,
            Sleeper sleeper,
            java.time.Clock clock) {
        this.provider = provider;
        this.policy = policy;
        this.breaker = breaker;
        this.scheduler = scheduler;
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

    // The try runs on the caller's thread; a watchdog interrupts it at the deadline, as synchronous timeouts in
    // MicroProfile Fault Tolerance do. A hand-off to a pool thread would cost every call two context switches.
    // A provider that ignores interruption (native code) returns late, and its answer is discarded as timed out.
    private InferenceResponse once(InferenceRequest request) throws InterruptedException {
        if (policy.timeout() == null) {
            return invokeMapped(request);
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
            response = invokeMapped(request);
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
