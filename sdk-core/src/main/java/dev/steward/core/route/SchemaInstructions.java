package dev.steward.core.route;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The words that ask a provider without structured output for a typed answer: the schema, appended to the request's
 * last user message (or as a new one).
 */
final class SchemaInstructions {

    private SchemaInstructions() {}

    static InferenceRequest appendTo(InferenceRequest request) {
        String instructions = "Answer with a single JSON value and nothing else: no prose, no Markdown. It must"
                + " conform to this JSON Schema: " + request.responseSchema().json();
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        int last = messages.size() - 1;
        if (last >= 0 && messages.get(last).role() == ChatMessage.Role.USER) {
            messages.set(
                    last,
                    new ChatMessage(ChatMessage.Role.USER, messages.get(last).content() + "\n\n" + instructions));
        } else {
            messages.add(new ChatMessage(ChatMessage.Role.USER, instructions));
        }
        return request.withMessages(messages);
    }
}
