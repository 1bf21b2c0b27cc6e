package dev.steward.cdi.support;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An inference provider the application declares as a CDI bean: it answers {@code "answer to: <last message>"}
 * unless a test scripts it otherwise, and records every request.
 */
@ApplicationScoped
public class TestProvider implements InferenceProvider {

    /** The name routes use. */
    public static final String NAME = "test";

    private final List<InferenceRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<InferenceRequest, InferenceResponse> behaviour = TestProvider::echo;

    @Override
    public String name() {
        return NAME;
    }

    /** Tools pass through it as they would through a gateway, so tool loops can be scripted. */
    @Override
    public boolean supportsTools() {
        return true;
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        requests.add(request);
        return behaviour.apply(request);
    }

    /**
     * Replaces how it answers.
     *
     * @param behaviour the answer for a request; may throw
     */
    public void answerWith(Function<InferenceRequest, InferenceResponse> behaviour) {
        this.behaviour = behaviour;
    }

    /**
     * The requests seen, in order.
     *
     * @return the requests
     */
    public List<InferenceRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The last message's text of a request.
     *
     * @param request the request
     * @return the text
     */
    public static String lastMessage(InferenceRequest request) {
        List<ChatMessage> messages = request.messages();
        return messages.get(messages.size() - 1).content();
    }

    private static InferenceResponse echo(InferenceRequest request) {
        return InferenceResponse.of("answer to: " + lastMessage(request), "test-model", new TokenUsage(10, 5));
    }
}
