package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.prompt.PromptHash;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capability register the sample serves on Open Liberty, over HTTP: {@code GET api/steward/capabilities} returns
 * every capability that the build's annotation processor registered, merged with the configuration the server
 * runs with. The deployment's configuration switches {@code claims.summarize} off, pins {@code claims.triage}'s prompt
 * and moves {@code claims.draft-letter} to another route, and the register says so; a supervisor (the sample's audit
 * role) reads it, an adjuster is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CapabilityRegisterIT {

    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() throws Exception {
        WebArchive war = SampleArchive.withoutEmbeddings("claims-register");
        String config = "WEB-INF/classes/META-INF/microprofile-config.properties";
        String properties;
        try (InputStream in = war.get(config).getAsset().openStream()) {
            properties = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        war.delete(config);
        war.add(
                new StringAsset(properties
                        + "\nsteward.capability.claims.summarize.enabled=false"
                        + "\nsteward.capability.claims.triage.prompt.version=v1"
                        + "\nsteward.route.letters-reviewed.providers=letter-drafter"
                        + "\nsteward.capability.claims.draft-letter.route=letters-reviewed\n"),
                config);
        return war;
    }

    @Test
    void anAuditorReadsTheCapabilitiesWithTheirLiveConfiguration() throws Exception {
        HttpResponse<String> r = get("api/steward/capabilities", SUPERVISOR);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode c : JSON.readTree(r.body())) {
            byName.put(c.path("name").asText(), c);
        }
        assertThat(byName)
                .containsOnlyKeys(
                        "claims.draft-letter", "claims.propose-settlement", "claims.summarize", "claims.triage");

        JsonNode triage = byName.get("claims.triage");
        assertThat(triage.path("source").asText()).isEqualTo(ClaimAssistant.class.getName() + "#triage");
        assertThat(triage.path("enabled").asBoolean()).isTrue();
        assertThat(triage.path("route").asText()).isEqualTo("triage");
        assertThat(triage.path("prompt").path("id").asText()).isEqualTo("claims.triage");
        assertThat(triage.path("prompt").path("version").asText()).isEqualTo("v1");
        assertThat(triage.path("prompt").path("chosenBy").asText()).isEqualTo("configuration");
        assertThat(triage.path("prompt").path("sha256").asText()).isEqualTo(PromptHash.of(prompt("claims.triage")));

        JsonNode summarize = byName.get("claims.summarize");
        assertThat(summarize.path("enabled").asBoolean()).as("the kill switch").isFalse();
        assertThat(summarize.path("route").asText()).isEqualTo("summarize");
        assertThat(summarize.path("prompt").path("version").asText()).isEqualTo("v1");
        assertThat(summarize.path("prompt").path("chosenBy").asText()).isEqualTo("latest");
        assertThat(summarize.path("prompt").path("sha256").asText())
                .isEqualTo(PromptHash.of(prompt("claims.summarize")));

        JsonNode letter = byName.get("claims.draft-letter");
        assertThat(letter.path("enabled").asBoolean()).isTrue();
        assertThat(letter.path("route").asText()).isEqualTo("letters-reviewed");
        assertThat(letter.path("declaredRoute").asText()).isEqualTo("letters");
        assertThat(letter.path("approval").path("role").asText()).isEqualTo("supervisor");
        assertThat(letter.path("ceilings").path("perUser").asText()).isEqualTo("600 tokens");
        assertThat(letter.path("prompt").path("chosenBy").asText()).isEqualTo("latest");
    }

    @Test
    void anAdjusterIsRefused() throws Exception {
        HttpResponse<String> r = get("api/steward/capabilities", ADJUSTER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("register-not-allowed");
    }

    private static String prompt(String id) throws Exception {
        try (InputStream in = CapabilityRegisterIT.class
                .getClassLoader()
                .getResourceAsStream("META-INF/steward/prompts/" + id + "/v1.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
