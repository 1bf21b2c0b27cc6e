package dev.steward.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest adapter from Steward's provider SPI to a LangChain4j {@link ChatModel}: messages across, text and
 * token usage back. Lets the governed and the raw benchmark call the very same model. Thread-safe if the model is.
 */
public final class ChatModelProvider implements InferenceProvider {

    private final String name;
    private final ChatModel model;

    /**
     * Adapts a model.
     *
     * @param name the provider name routes refer to
     * @param model the model
     */
    public ChatModelProvider(String name, ChatModel model) {
        this.name = name;
        this.model = model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        List<dev.langchain4j.data.message.ChatMessage> messages =
                new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            messages.add(
                    switch (m.role()) {
                        case SYSTEM -> SystemMessage.from(m.content());
                        case USER -> UserMessage.from(m.content());
                        case ASSISTANT -> AiMessage.from(m.content());
                        // the benchmarks offer no tools, so no tool result ever comes back
                        case TOOL -> UserMessage.from(m.content());
                    });
        }
        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(messages)
                .maxOutputTokens(request.maxOutputTokens())
                .build());
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        return InferenceResponse.of(
                response.aiMessage().text(),
                response.modelName(),
                usage == null
                        ? TokenUsage.NONE
                        : new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount())));
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
