package dev.steward.providers.ollama;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Answers with a model on an Ollama server, through LangChain4j's {@code OllamaChatModel} built with no retries of
 * its own (Steward's route retries). Thread-safe, as the LangChain4j model is.
 *
 * <p>The model's JDK HTTP client runs on an executor the provider owns; {@link #close()} shuts both down.
 */
public final class OllamaProvider implements InferenceProvider {

    private final String name;
    private final String model;
    private final ChatModel chat;
    private final RememberingHttpClientBuilder httpClients;
    private final ExecutorService httpThreads;
    private volatile boolean closed;

    OllamaProvider(
            String name,
            String model,
            ChatModel chat,
            RememberingHttpClientBuilder httpClients,
            ExecutorService httpThreads) {
        this.name = name;
        this.model = model;
        this.chat = chat;
        this.httpClients = httpClients;
        this.httpThreads = httpThreads;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The configured model, so that budgets count input tokens with its tokenizer where one is known.
     *
     * @return the model
     */
    @Override
    public java.util.Optional<String> model() {
        return java.util.Optional.of(model);
    }

    /**
     * Sends one chat request to the Ollama server.
     *
     * @param request what to answer
     * @return the answer, the model Ollama reports and its prompt and generated token counts
     * @throws ProviderException retriable on 408, 429, 5xx, timeouts and connection failures; permanent on other
     *     HTTP errors (such as an unknown model), malformed replies and once the provider is closed
     */
    @Override
    public InferenceResponse infer(InferenceRequest request) {
        if (closed) {
            throw ProviderException.permanent(name, "the provider is closed", null);
        }
        ChatResponse response;
        try {
            response = chat.chat(ChatRequest.builder()
                    .messages(toLangChain4j(request.messages()))
                    .maxOutputTokens(request.maxOutputTokens())
                    .build());
        } catch (RuntimeException e) {
            throw translate(e);
        }
        if (response == null
                || response.aiMessage() == null
                || response.aiMessage().text() == null) {
            throw ProviderException.permanent(name, "Ollama's reply has no message text", null);
        }
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        long input = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long output = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        String answeredBy = response.modelName() == null ? model : response.modelName();
        return InferenceResponse.of(response.aiMessage().text(), answeredBy, new TokenUsage(input, output));
    }

    private ProviderException translate(RuntimeException e) {
        Throwable http = find(e, HttpException.class);
        if (http instanceof HttpException status) {
            int code = status.statusCode();
            boolean retriable = code == 408 || code == 429 || code >= 500;
            return new ProviderException(name, retriable, null, "HTTP " + code + " from Ollama: " + message(e), e);
        }
        if (find(e, HttpTimeoutException.class) != null
                || find(e, java.util.concurrent.TimeoutException.class) != null) {
            return ProviderException.retriable(name, "Ollama did not answer in time: " + message(e), e);
        }
        if (find(e, IOException.class) != null || e instanceof RetriableException) {
            return ProviderException.retriable(name, "Ollama could not be reached: " + message(e), e);
        }
        if (e instanceof NonRetriableException) {
            return ProviderException.permanent(name, message(e), e);
        }
        return ProviderException.permanent(name, "Ollama's reply could not be used: " + message(e), e);
    }

    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    private static String message(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() <= 200 ? m : m.substring(0, 200) + "...";
    }

    private static List<dev.langchain4j.data.message.ChatMessage> toLangChain4j(List<ChatMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            out.add(
                    switch (m.role()) {
                        case SYSTEM -> SystemMessage.from(m.content());
                        case USER -> UserMessage.from(m.content());
                        case ASSISTANT -> AiMessage.from(m.content());
                        // unreachable: a capability that offers tools cannot route to this provider
                        case TOOL -> UserMessage.from(m.content());
                    });
        }
        return out;
    }

    /**
     * Shuts down the provider's HTTP client and its threads. Calls made afterwards fail with a permanent
     * {@link ProviderException}. Calling it again does nothing.
     *
     * <p>On Java 21 and later the HTTP client is shut down too, which closes its pooled connections and stops its
     * selector thread at once. Java 17 has no such method: there they are released when the client is
     * garbage-collected, which happens once nothing refers to this provider any more.
     */
    @Override
    public void close() {
        closed = true;
        try {
            httpClients.shutdownNow();
        } finally {
            httpThreads.shutdownNow();
        }
    }
}
