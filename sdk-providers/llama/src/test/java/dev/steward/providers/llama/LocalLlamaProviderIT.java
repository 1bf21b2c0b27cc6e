package dev.steward.providers.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.AlphabetModel;
import dev.steward.providers.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** llama.cpp in-process on the generated alphabet model: exact, deterministic answers. */
class LocalLlamaProviderIT {

    private static InferenceProvider engine;

    @BeforeAll
    static void load() {
        engine = AlphabetEngine.start("local", 2);
    }

    @AfterAll
    static void unload() throws Exception {
        engine.close();
    }

    @Test
    void continuesTheAlphabetGreedily() {
        InferenceResponse response = engine.infer(Requests.user("letters", "a b c", 64));

        assertThat(response.text()).isEqualTo(" d e f g h i j k l m n o p q r s t u v w x y z");
        assertThat(response.model()).isEqualTo(AlphabetModel.NAME);
        // prompt: ▁a ▁b ▁c; generated: 23 letters and the end-of-sequence token
        assertThat(response.usage()).isEqualTo(new TokenUsage(3, 24));
        assertThat(response.confidence()).isEmpty();
    }

    @Test
    void stopsAtTheRequestedTokenLimit() {
        InferenceResponse response = engine.infer(Requests.user("letters", "k", 3));

        assertThat(response.text()).isEqualTo(" l m n");
        assertThat(response.usage()).isEqualTo(new TokenUsage(1, 3));
    }

    @Test
    void rendersMessagesWithTheChatTemplateByDefault() throws Exception {
        // the alphabet model has no template of its own, so llama.cpp's default (ChatML) applies; its prompt ends
        // in a newline, which the model answers with end-of-sequence
        try (LocalLlamaProvider chat = (LocalLlamaProvider) new LocalLlamaProviderFactory()
                .create(dev.steward.providers.testing.MapSettings.of(
                        "chat", "model-path", AlphabetEngine.modelFile().toString(), "context-size", "256"))) {
            InferenceResponse response = chat.infer(Requests.user("letters", "a b c", 16));

            assertThat(response.text()).isEmpty();
            assertThat(response.model()).isEqualTo("alphabet");
            assertThat(response.usage().inputTokens())
                    .as("template tokens around the message")
                    .isGreaterThan(3);
            assertThat(response.usage().outputTokens()).isEqualTo(1);
        }
    }

    @Test
    void givesEveryConcurrentCallerTheExactAnswer() throws Exception {
        int callers = 8;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                char first = (char) ('a' + i);
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return engine.infer(Requests.user("letters", String.valueOf(first), 64))
                            .text();
                }));
            }
            for (int i = 0; i < callers; i++) {
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS))
                        .isEqualTo(AlphabetModel.continuation((char) ('a' + i), 64));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeFreesTheModelAndLaterCallsFailClearly() {
        LocalLlamaProvider closing = (LocalLlamaProvider) AlphabetEngine.start("closing", 1);
        assertThat(closing.infer(Requests.user("letters", "a b c", 3)).text()).isNotEmpty();

        closing.close();
        closing.close();

        assertThat(closing.isClosed()).isTrue();
        ProviderException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ProviderException.class, () -> closing.infer(Requests.user("letters", "a b c", 3)));
        assertThat(e).isNotNull().hasMessageContaining("closed");
        assertThat(e.isRetriable()).isFalse();
    }
}
