package dev.steward.providers.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.providers.testing.MapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLlamaConfigurationTest {

    private final LocalLlamaProviderFactory factory = new LocalLlamaProviderFactory();

    @TempDir
    Path dir;

    @Test
    void rejectsAMissingModelFileNamingTheKey() {
        Path missing = dir.resolve("nowhere.gguf");

        assertThatThrownBy(() -> factory.create(MapSettings.of("local", "model-path", missing.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.local.model-path")
                .hasMessageContaining("does not exist")
                .extracting(e -> ((ConfigurationException) e).key())
                .isEqualTo("steward.provider.local.model-path");
    }

    @Test
    void rejectsAFileThatIsNotGgufBeforeTheNativeLibrarySeesIt() throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "this is not a model");

        assertThatThrownBy(() -> factory.create(MapSettings.of("local", "model-path", text.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.local.model-path")
                .hasMessageContaining("is not a GGUF file");
    }

    @Test
    void rejectsAFileShorterThanTheMagic() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny.gguf"), new byte[] {'G', 'G'});

        assertThatThrownBy(() -> factory.create(MapSettings.of("local", "model-path", tiny.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a GGUF file");
    }

    @Test
    void reportsAGgufFileThatLlamaCppCannotLoadAgainstTheKey() throws IOException {
        byte[] truncated = {'G', 'G', 'U', 'F', 3, 0, 0, 0, 9, 9};
        Path broken = Files.write(dir.resolve("broken.gguf"), truncated);

        assertThatThrownBy(() -> factory.create(MapSettings.of("local", "model-path", broken.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.local.model-path")
                .hasMessageContaining("llama.cpp could not load");
    }

    @Test
    void rejectsADirectory() {
        assertThatThrownBy(() -> factory.create(MapSettings.of("local", "model-path", dir.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not a readable regular file");
    }

    @Test
    void requiresTheModelPath() {
        assertThatThrownBy(() -> factory.create(MapSettings.of("local")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.local.model-path");
    }

    @Test
    void rejectsAnUnknownPromptFormatNamingTheValidOnes() throws IOException {
        Path gguf = Files.write(dir.resolve("m.gguf"), "GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> factory.create(
                        MapSettings.of("local", "model-path", gguf.toString(), "prompt-format", "markdown")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.local.prompt-format")
                .hasMessageContaining("chat, raw");
    }

    @Test
    void declaresItsKeysForCoreValidation() {
        assertThat(factory.type()).isEqualTo("local-llama");
        assertThat(factory.keys()).contains("model-path", "parallel", "acquire-timeout", "temperature", "seed");
    }
}
