package dev.steward.spring.support;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An inference provider the application declares as a Spring bean: it answers {@code "answer to: <last message>"}
 * unless a test scripts it otherwise, and records every request. It offers tools, which a script may ask for.
 */
public class TestProvider implements InferenceProvider {

    /** The name routes use. */
    public static final String NAME = "test";

    private final List<InferenceRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<InferenceRequest, InferenceResponse> behaviour = TestProvider::echo;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supportsTools() {
        return true;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        requests.add(request);
        return behaviour.apply(request);
    }

    public void answerWith(Function<InferenceRequest, InferenceResponse> behaviour) {
        this.behaviour = behaviour;
    }

    public List<InferenceRequest> requests() {
        return List.copyOf(requests);
    }

    public static String lastMessage(InferenceRequest request) {
        List<ChatMessage> messages = request.messages();
        return messages.get(messages.size() - 1).content();
    }

    /**
     * The default behaviour, for a test that scripted another one to restore.
     *
     * @param request the request
     * @return {@code "answer to: <last message>"}
     */
    public static InferenceResponse echo(InferenceRequest request) {
        return InferenceResponse.of("answer to: " + lastMessage(request), "test-model", new TokenUsage(10, 5));
    }
}
