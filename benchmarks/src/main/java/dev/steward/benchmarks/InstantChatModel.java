package dev.steward.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A LangChain4j chat model that answers at once, in process, with a fixed message and token usage: what is left of a
 * model call when the model costs nothing, so that whatever a benchmark measures around it is the caller's own cost.
 * Thread-safe.
 */
public final class InstantChatModel implements ChatModel {

    /** The model name it reports. */
    public static final String MODEL = "instant-model";

    /** The answer it gives. */
    public static final String ANSWER = "The claim concerns water damage in the kitchen; cover is likely.";

    /** Input tokens it reports for every call. */
    public static final int INPUT_TOKENS = 42;

    /** Output tokens it reports for every call. */
    public static final int OUTPUT_TOKENS = 17;

    private final AiMessage answer = AiMessage.from(ANSWER);
    private final TokenUsage usage = new TokenUsage(INPUT_TOKENS, OUTPUT_TOKENS);

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder()
                .aiMessage(answer)
                .tokenUsage(usage)
                .modelName(MODEL)
                .finishReason(FinishReason.STOP)
                .build();
    }
}
