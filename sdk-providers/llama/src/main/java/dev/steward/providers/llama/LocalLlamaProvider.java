package dev.steward.providers.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Answers with llama.cpp in-process, on one GGUF model loaded at startup.
 *
 * <p>Thread-safe. The engine has a fixed number of slots ({@code parallel}); a semaphore with as many permits admits
 * callers, so at most that many generations run at once and the rest wait, each for at most {@code acquire-timeout},
 * before failing with a retriable {@link ProviderException} ({@code acquire-timeout=0}: waits as long as it takes).
 * That turns overload into back-pressure instead of an unbounded native queue.
 *
 * <p>Holds native memory: {@link #close()} frees it. With {@code de.kherud:llama} 4.2.0 the engine's worker thread
 * is attached to the JVM as a non-daemon thread and outlives {@code close()} (upstream issue
 * kherud/java-llama.cpp#116), so a plain {@code main} that loaded a model ends with {@code System.exit}; application
 * servers and test runners exit that way already.
 */
public final class LocalLlamaProvider implements InferenceProvider {

    /** How messages become the engine's prompt. */
    enum PromptFormat {
        /** The model's own chat template, for instruction-tuned models. */
        CHAT,
        /** The messages' contents joined by blank lines, for completion models. */
        RAW
    }

    private final String name;
    private final String modelName;
    private final LlamaModel model;
    private final Semaphore slots;
    private final int parallel;
    private final Duration acquireTimeout;
    private final PromptFormat format;
    private final GenerationSettings generation;
    // set once by close(); read by every call after it holds a slot, so no call reaches a freed model
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalLlamaProvider(
            String name,
            String modelName,
            LlamaModel model,
            Semaphore slots,
            Duration acquireTimeout,
            PromptFormat format,
            GenerationSettings generation) {
        this.name = name;
        this.modelName = modelName;
        this.model = model;
        this.parallel = slots.availablePermits();
        this.slots = slots;
        this.acquireTimeout = acquireTimeout;
        this.format = format;
        this.generation = generation;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Generates an answer.
     *
     * @param request what to answer
     * @return the generated text, the configured model name and the prompt and generated token counts
     * @throws ProviderException retriable when no engine slot frees up within {@code acquire-timeout} or the wait
     *     is interrupted; permanent when the engine rejects the request (for example a prompt longer than the
     *     context) or the provider is closed
     */
    @Override
    public InferenceResponse infer(InferenceRequest request) {
        if (closed.get()) {
            throw closedFailure();
        }
        boolean acquired;
        try {
            if (acquireTimeout == null) {
                slots.acquire();
                acquired = true;
            } else {
                acquired = slots.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retriable(name, "interrupted while waiting for an engine slot", e);
        }
        if (!acquired) {
            throw ProviderException.retriable(
                    name,
                    "all " + parallel + " engine slots stayed busy for " + acquireTimeout
                            + "; retry later or raise parallel",
                    null);
        }
        try {
            if (closed.get()) {
                throw closedFailure();
            }
            return generate(request);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProviderException.permanent(name, "the engine rejected the request: " + e.getMessage(), e);
        } finally {
            slots.release();
        }
    }

    private InferenceResponse generate(InferenceRequest request) {
        String prompt = prompt(request.messages());
        int maxTokens = Math.min(request.maxOutputTokens(), generation.maxTokens());
        InferenceParameters parameters =
                generation.apply(new InferenceParameters(prompt)).setNPredict(maxTokens);
        StringBuilder text = new StringBuilder();
        int outputs = 0;
        for (LlamaOutput output : model.generate(parameters)) {
            text.append(output.text);
            outputs++;
        }
        // the engine emits one output per sampled token (end-of-sequence included) plus a closing one
        long generated = Math.max(0, outputs - 1);
        long promptTokens = model.encode(prompt).length;
        return InferenceResponse.of(text.toString(), modelName, new TokenUsage(promptTokens, generated));
    }

    private String prompt(List<ChatMessage> messages) {
        if (format == PromptFormat.RAW) {
            // a completion model continues the contents in order, without role markers
            return messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n\n"));
        }
        String system = null;
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.role() == ChatMessage.Role.SYSTEM && system == null && turns.isEmpty()) {
                system = message.content();
            } else {
                turns.add(new Pair<>(message.role().name().toLowerCase(Locale.ROOT), message.content()));
            }
        }
        return model.applyTemplate(new InferenceParameters("").setMessages(system, turns));
    }

    /**
     * Frees the model's native memory, after the generations that are running have finished. Calls made afterwards
     * fail with a permanent {@link ProviderException}; calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // holding every slot means no generation is running; the slots are handed back so that waiting callers
        // wake up and see that the provider is closed instead of waiting for a slot that never frees
        slots.acquireUninterruptibly(parallel);
        try {
            model.close();
        } finally {
            slots.release(parallel);
        }
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    private ProviderException closedFailure() {
        return ProviderException.permanent(name, "the provider is closed; its model has been freed", null);
    }
}
