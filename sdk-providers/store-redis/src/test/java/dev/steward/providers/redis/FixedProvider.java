package dev.steward.providers.redis;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.TokenCounter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider of model {@code m} that answers "ok" and reports 1 input and 9 output tokens, and a tokenizer that
 * counts one token per character for {@code m}: with the prompt "x" and 9 output tokens every call reserves and
 * settles exactly 10 tokens.
 */
final class FixedProvider implements InferenceProvider {

    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
        return "p";
    }

    @Override
    public Optional<String> model() {
        return Optional.of("m");
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        calls.incrementAndGet();
        return InferenceResponse.of("ok", "m", new TokenUsage(1, 9));
    }

    static final TokenCounter COUNTER = new TokenCounter() {
        @Override
        public OptionalLong count(String model, List<ChatMessage> messages) {
            return "m".equals(model)
                    ? OptionalLong.of(messages.stream()
                            .mapToLong(m -> m.content().length())
                            .sum())
                    : OptionalLong.empty();
        }
    };
}
