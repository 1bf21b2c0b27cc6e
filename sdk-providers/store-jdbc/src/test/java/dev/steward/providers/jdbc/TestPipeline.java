package dev.steward.providers.jdbc;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.TokenCounter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider and a tokenizer written for tests, so that every call's cost is known exactly. */
final class TestPipeline {

    private TestPipeline() {}

    /** Answers every request with fixed text, model {@code m}, 1 input and 9 output tokens, and a confidence. */
    static final class FixedProvider implements InferenceProvider {
        final AtomicInteger calls = new AtomicInteger();
        private final String text;
        private final double confidence;

        FixedProvider(String text, double confidence) {
            this.text = text;
            this.confidence = confidence;
        }

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
            return new InferenceResponse(text, "m", new TokenUsage(1, 9), OptionalDouble.of(confidence));
        }
    }

    /** Counts every character of model {@code m} as one token. */
    static final class CharacterCounter implements TokenCounter {
        @Override
        public OptionalLong count(String model, List<ChatMessage> messages) {
            if (!"m".equals(model)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(messages.stream()
                    .mapToLong(m -> m.content().codePointCount(0, m.content().length()))
                    .sum());
        }
    }
}
