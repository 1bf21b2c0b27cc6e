package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.PromptHash;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward.prompt.location}: the folder the default prompt registry reads, on the application's class path. */
class PromptLocationTest {

    @TempDir
    Path classpath;

    private void prompt(String folder, String version, String text) throws Exception {
        Path dir = classpath.resolve(folder).resolve("claims.echo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(version + ".txt"), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("versions"), version + "\n", StandardCharsets.UTF_8);
    }

    private record Echo(String answer, AuditRecord audit) {}

    private Echo echo(Map<String, String> config) throws Exception {
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {classpath.toUri().toURL()}, getClass().getClassLoader());
                Steward steward = Steward.builder()
                        .config(ConfigValues.of(config))
                        .classLoader(loader)
                        .provider(new ScriptedProvider("p").echoes())
                        .auditSink(audit)
                        .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.echo")
                    .parameterNames(List.of("text"))
                    .build());
            String answer = cap.invoke(Callers.ADJUSTER, new Object[] {"x"}, null);
            return new Echo(answer, audit.records().get(0));
        }
    }

    @Test
    void theDefaultRegistryReadsPromptsFromTheConfiguredClasspathFolder() throws Exception {
        prompt("META-INF/steward/prompts", "v1", "default folder {{text}}");
        prompt("acme/prompts", "v7", "acme folder {{text}}");

        Echo fromDefault = echo(Map.of());
        Echo fromAcme = echo(Map.of("steward.prompt.location", "acme/prompts"));

        assertThat(fromDefault.answer()).contains("default folder x");
        assertThat(fromDefault.audit().promptVersion()).isEqualTo("v1");
        assertThat(fromAcme.answer()).contains("acme folder x").doesNotContain("default folder");
        assertThat(fromAcme.audit().promptVersion()).isEqualTo("v7");
        assertThat(fromAcme.audit().promptHash()).isEqualTo(PromptHash.of("acme folder {{text}}"));
    }
}
