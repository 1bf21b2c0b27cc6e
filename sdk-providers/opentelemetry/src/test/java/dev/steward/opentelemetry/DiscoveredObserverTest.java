package dev.steward.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CallerContext;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observer as {@link java.util.ServiceLoader} finds it, with no CDI container: it reports to the global instance. */
class DiscoveredObserverTest {

    private final InMemoryAuditSink audit = new InMemoryAuditSink(10);

    private static final class Echo implements InferenceProvider {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public InferenceResponse infer(InferenceRequest request) {
            return InferenceResponse.of("ok", "echo-1", new TokenUsage(3, 1));
        }
    }

    private Steward steward() {
        return Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.route.default.providers", "echo",
                        "steward.capability.claims.summarize.allow-anonymous", "true")))
                .provider(new Echo())
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize"))
                .auditSink(audit)
                .build();
    }

    private static void call(Steward steward) {
        steward.capability(CapabilityDefinition.builder("claims.summarize").build())
                .invoke(CallerContext.anonymous("corr-9"), new Object[0], null);
    }

    private void callOnce() throws Exception {
        try (Steward steward = steward()) {
            call(steward);
        }
    }

    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void reportsToTheGlobalOpenTelemetryWhenOneIsSet() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .buildAndRegisterGlobal()) {
            callOnce();

            // inside: closing the SDK shuts the exporter down, which forgets its spans
            assertThat(spans.getFinishedSpanItems())
                    .extracting(SpanData::getName)
                    .containsExactlyInAnyOrder("steward claims.summarize", "chat");
            assertThat(audit.records().get(0).tags())
                    .containsEntry(
                            TelemetryConventions.TRACE_ID_TAG,
                            spans.getFinishedSpanItems().get(0).getTraceId());
        }
    }

    @Test
    void reportsTheCircuitStatesOfTheInstanceItObservesWithNoRegistrationInCode() throws Exception {
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                // with no span processor the SDK's spans have no ids, and the observer stays off
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                        .build())
                .setMeterProvider(
                        SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .buildAndRegisterGlobal()) {
            Steward steward = steward();
            call(steward);

            assertThat(metrics.collectAllMetrics())
                    .filteredOn(m -> m.getName().equals(TelemetryConventions.METRIC_CIRCUIT_STATE))
                    .singleElement()
                    .satisfies(m -> assertThat(m.getLongGaugeData().getPoints()).anySatisfy(p -> {
                        assertThat(p.getAttributes().get(TelemetryConventions.GEN_AI_PROVIDER_NAME))
                                .isEqualTo("echo");
                        assertThat(p.getAttributes().get(TelemetryConventions.CIRCUIT_STATE))
                                .isEqualTo("closed");
                        assertThat(p.getValue()).isEqualTo(1L);
                    }));

            steward.close();

            assertThat(metrics.collectAllMetrics())
                    .extracting(MetricData::getName)
                    .doesNotContain(TelemetryConventions.METRIC_CIRCUIT_STATE);
        }
    }

    @Test
    void doesNothingWhenNoOpenTelemetryIsSet() throws Exception {
        callOnce();

        assertThat(audit.records().get(0).tags()).isEmpty();
    }
}
