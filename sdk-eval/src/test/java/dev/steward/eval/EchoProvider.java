package dev.steward.eval;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.util.OptionalDouble;

/** An in-process engine that answers with the rendered prompt, so a prompt version decides the answer exactly. */
final class EchoProvider implements InferenceProvider {

    static final String NAME = "echo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        String text = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER)
                .map(ChatMessage::content)
                .reduce((a, b) -> b)
                .orElse("");
        return new InferenceResponse(text, "echo-1", TokenUsage.NONE, OptionalDouble.empty());
    }
}
