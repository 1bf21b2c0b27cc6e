package dev.steward.core;

import dev.steward.api.ChatMessage;
import dev.steward.api.spi.TokenCounter;
import java.util.List;
import java.util.OptionalLong;

/** A tokenizer for one test model whose every character is a token and whose chat format adds none. */
final class CharacterCounter implements TokenCounter {

    private final String model;

    CharacterCounter(String model) {
        this.model = model;
    }

    @Override
    public OptionalLong count(String model, List<ChatMessage> messages) {
        if (!this.model.equals(model)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(messages.stream()
                .mapToLong(m -> m.content().codePointCount(0, m.content().length()))
                .sum());
    }
}
