package dev.steward.opentelemetry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.opentelemetry.it.OtlpTraceReceiver.ReceivedSpan;
import dev.steward.opentelemetry.it.app.TelemetryApplication;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Open Liberty with {@code mpTelemetry-2.0}: a WAR that carries steward-opentelemetry and no OpenTelemetry jar, so the
 * observer that {@link java.util.ServiceLoader} finds reports to the server's per-application OpenTelemetry (the CDI
 * bean). The server exports over OTLP/HTTP to a receiver in this test, which checks that the governed call's span is a
 * child of the JAX-RS server span, the try's span a child of the call's, their attributes, and that the call's audit
 * record carries the trace and span ids.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelemetryOnLibertyIT {

    // started before the deployment is built: the WAR's configuration names its port
    private static final OtlpTraceReceiver RECEIVER = new OtlpTraceReceiver();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() throws Exception {
        File app = new File("src/test/liberty/app");
        File[] libs = Objects.requireNonNull(
                new File(System.getProperty("steward.it.lib")).listFiles((d, n) -> n.endsWith(".jar")),
                "run through Maven: the pom copies the Steward jars before integration tests");
        String config = Files.readString(new File(app, "microprofile-config.properties").toPath())
                + "\notel.exporter.otlp.endpoint=" + RECEIVER.endpoint() + "\n";
        return ShrinkWrap.create(WebArchive.class, "telemetry-it.war")
                .addPackage(TelemetryApplication.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsResource(
                        new File(app, "prompts/claims.summarize/versions"),
                        "META-INF/steward/prompts/claims.summarize/versions")
                .addAsResource(
                        new File(app, "prompts/claims.summarize/v1.txt"),
                        "META-INF/steward/prompts/claims.summarize/v1.txt")
                .addAsLibraries(libs)
                .addAsLibraries(new File(System.getProperty("steward.it.jar")));
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void theGovernedCallsSpanIsAChildOfTheJaxRsServerSpanAndItsTraceIdIsInTheAuditRecord() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "api/summaries/CLM-7"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String[] parts = response.body().split("\\|");
        assertThat(parts[0]).isEqualTo("a short summary");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(RECEIVER.spans())
                        .extracting(ReceivedSpan::name)
                        .contains("steward claims.summarize", "chat canned-model"));
        assertThat(RECEIVER.failures()).isEmpty();

        ReceivedSpan call = named("steward claims.summarize");
        ReceivedSpan attempt = named("chat canned-model");
        // the server span ends after the response is written, so its batch may be exported after the call's
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RECEIVER.spans().stream().anyMatch(s -> s.spanId().equals(call.parentSpanId())));
        ReceivedSpan server = RECEIVER.spans().stream()
                .filter(s -> s.spanId().equals(call.parentSpanId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no exported span is the call span's parent " + call.parentSpanId() + ": " + RECEIVER.spans()));
        assertThat(server.kind()).isEqualTo(OtlpTraceReceiver.KIND_SERVER);
        assertThat(server.name()).contains("summaries");
        assertThat(server.traceId()).isEqualTo(call.traceId());
        assertThat(call.kind()).isEqualTo(OtlpTraceReceiver.KIND_INTERNAL);
        assertThat(attempt.kind()).isEqualTo(OtlpTraceReceiver.KIND_CLIENT);
        assertThat(attempt.parentSpanId()).isEqualTo(call.spanId());
        assertThat(attempt.traceId()).isEqualTo(call.traceId());

        assertThat(call.attributes())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "canned")
                .containsEntry("gen_ai.request.model", "canned-model")
                .containsEntry("gen_ai.response.model", "canned-model-v2")
                .containsEntry("gen_ai.usage.input_tokens", 21L)
                .containsEntry("gen_ai.usage.output_tokens", 7L)
                .containsEntry("steward.capability", "claims.summarize")
                .containsEntry("steward.risk_tier", "HIGH")
                .containsEntry("steward.prompt.id", "claims.summarize")
                .containsEntry("steward.prompt.version", "v1")
                .containsEntry("steward.outcome", "SUCCEEDED")
                .containsKey("steward.audit.record_id")
                .doesNotContainKey("error.type");
        assertThat(attempt.attributes())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "canned")
                .containsEntry("gen_ai.request.model", "canned-model")
                .containsEntry("gen_ai.response.model", "canned-model-v2")
                .containsEntry("steward.attempt.number", 1L);
        assertThat(List.of(parts[1], parts[2]))
                .as("the audit record's trace_id and span_id tags")
                .containsExactly(call.traceId(), call.spanId());
    }

    private static ReceivedSpan named(String name) {
        List<ReceivedSpan> named =
                RECEIVER.spans().stream().filter(s -> s.name().equals(name)).toList();
        assertThat(named).as("spans named '%s'", name).hasSize(1);
        return named.get(0);
    }
}
