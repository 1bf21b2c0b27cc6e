package dev.steward.core;

import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** A provider written for tests: its behaviour is set per test and can change between calls. */
final class ScriptedProvider implements InferenceProvider {

    private final String name;
    private final AtomicReference<Function<InferenceRequest, InferenceResponse>> behaviour = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicReference<InferenceRequest> lastRequest = new AtomicReference<>();
    final AtomicInteger closed = new AtomicInteger();
    private volatile String model;
    private volatile boolean tools;

    ScriptedProvider(String name) {
        this.name = name;
        answers("answer from " + name, "model-" + name, new TokenUsage(10, 20));
    }

    ScriptedProvider answers(String text, String model, TokenUsage usage) {
        behaviour.set(r -> InferenceResponse.of(text, model, usage));
        return this;
    }

    ScriptedProvider answersWithConfidence(String text, double confidence) {
        behaviour.set(
                r -> new InferenceResponse(text, "model-" + name, new TokenUsage(5, 5), OptionalDouble.of(confidence)));
        return this;
    }

    ScriptedProvider echoes() {
        behaviour.set(r -> InferenceResponse.of(r.messages().get(0).content(), "model-" + name, new TokenUsage(1, 1)));
        return this;
    }

    ScriptedProvider fails(boolean retriable) {
        behaviour.set(r -> {
            throw retriable
                    ? ProviderException.retriable(name, "HTTP 503 from upstream", null)
                    : ProviderException.permanent(name, "HTTP 400 from upstream", null);
        });
        return this;
    }

    /** Blocks until the latch opens, so a timeout is what ends the call. */
    ScriptedProvider hangs(CountDownLatch release) {
        behaviour.set(r -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return InferenceResponse.of("too late", "model-" + name, TokenUsage.NONE);
        });
        return this;
    }

    ScriptedProvider behaves(Function<InferenceRequest, InferenceResponse> f) {
        behaviour.set(f);
        return this;
    }

    /** Declares the model the provider is configured with, so token counters can count for it. */
    ScriptedProvider model(String model) {
        this.model = model;
        return this;
    }

    /** Declares that the provider can offer tools to its model. */
    ScriptedProvider offersTools() {
        this.tools = true;
        return this;
    }

    @Override
    public boolean supportsTools() {
        return tools;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.Optional<String> model() {
        return java.util.Optional.ofNullable(model);
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        calls.incrementAndGet();
        lastRequest.set(request);
        return behaviour.get().apply(request);
    }
}
