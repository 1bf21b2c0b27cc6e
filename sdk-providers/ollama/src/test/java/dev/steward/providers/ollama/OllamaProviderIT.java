package dev.steward.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.AlphabetEngine;
import dev.steward.providers.testing.AlphabetModel;
import dev.steward.providers.testing.LiveThreads;
import dev.steward.providers.testing.MapSettings;
import dev.steward.providers.testing.OpenAiCompatibleServer;
import dev.steward.providers.testing.Requests;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Ollama provider against a local server speaking Ollama's {@code /api/chat}, answered by llama.cpp on the
 * alphabet model. No Ollama binary runs here: the wire protocol is Ollama's, the engine is the same llama.cpp.
 */
class OllamaProviderIT {

    private static InferenceProvider engine;
    private static OpenAiCompatibleServer server;

    @BeforeAll
    static void start() {
        engine = AlphabetEngine.start("engine", 1);
        server = OpenAiCompatibleServer.start(engine);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        engine.close();
    }

    @AfterEach
    void behave() {
        server.behave(OpenAiCompatibleServer::answer);
    }

    private static InferenceProvider ollama() {
        return new OllamaProviderFactory()
                .create(MapSettings.of(
                        "ollama", "base-url", server.rootUrl(), "model", "alphabet", "timeout", "5s", "seed", "7"));
    }

    @Test
    void answersWithTheModelAndUsageOllamaReports() {
        InferenceResponse response = ollama().infer(Requests.user("letters", "a b c", 64));

        assertThat(response.text()).isEqualTo(" d e f g h i j k l m n o p q r s t u v w x y z");
        assertThat(response.model()).isEqualTo(AlphabetModel.NAME);
        assertThat(response.usage()).isEqualTo(new TokenUsage(3, 24));
        OpenAiCompatibleServer.Received sent =
                server.received().get(server.received().size() - 1);
        assertThat(sent.path()).isEqualTo("/api/chat");
        assertThat(sent.body().path("model").asText()).isEqualTo("alphabet");
        assertThat(sent.body().path("options").path("num_predict").asInt()).isEqualTo(64);
    }

    @Test
    void serverErrorIsRetriableAndMadeOnce() {
        server.behave(OpenAiCompatibleServer.status(503));
        int before = server.received().size();

        Throwable thrown = catchThrowable(() -> ollama().infer(Requests.user("letters", "a", 8)));

        assertThat(thrown).isExactlyInstanceOf(ProviderException.class);
        assertThat(((ProviderException) thrown).isRetriable()).isTrue();
        assertThat(server.received().size() - before)
                .as("LangChain4j's own retries are off")
                .isEqualTo(1);
    }

    @Test
    void unknownModelIsPermanent() {
        server.behave(OpenAiCompatibleServer.status(404));

        Throwable thrown = catchThrowable(() -> ollama().infer(Requests.user("letters", "a", 8)));

        assertThat(thrown).isExactlyInstanceOf(ProviderException.class);
        assertThat(((ProviderException) thrown).isRetriable()).isFalse();
    }

    @Test
    void requiresAModel() {
        assertThatThrownBy(() -> new OllamaProviderFactory().create(MapSettings.of("o")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.o.model");
    }

    @Test
    void closeStopsTheHttpThreadsAndLaterCallsFailClearly() throws InterruptedException {
        InferenceProvider closing = new OllamaProviderFactory()
                .create(MapSettings.of("closing", "base-url", server.rootUrl(), "model", "alphabet"));
        closing.infer(Requests.user("letters", "a b c", 3));
        assertThat(LiveThreads.named("steward-ollama-closing-http-")).isPositive();

        closing.close();

        assertThat(LiveThreads.awaitNone("steward-ollama-closing-http-", Duration.ofSeconds(10)))
                .isZero();
        assertThatThrownBy(() -> closing.infer(Requests.user("letters", "a b c", 3)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("closed");
    }
}
