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
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An SDK with metrics and no tracing still gets Steward's metrics; the audit records then carry no trace ids. */
class MetricsOnlyTest {

    private static final class Answering implements InferenceProvider {
        @Override
        public String name() {
            return "engine";
        }

        @Override
        public InferenceResponse infer(InferenceRequest request) {
            return InferenceResponse.of("summary", "m-small", new TokenUsage(12, 3));
        }
    }

    @Test
    void countsCallsWithoutATracerAndTagsNoTraceIds() throws Exception {
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                        .setMeterProvider(SdkMeterProvider.builder()
                                .registerMetricReader(metrics)
                                .build())
                        .build();
                Steward steward = Steward.builder()
                        .config(ConfigValues.of(Map.of()))
                        .provider(new Answering())
                        .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize"))
                        .auditSink(audit)
                        .observer(new OpenTelemetryObserver(otel))
                        .discoverExtensions(false)
                        .build()) {
            steward.capability(CapabilityDefinition.builder("claims.summarize").build())
                    .invoke(new CallerContext("adjuster1", Set.of(), "acme", "corr-1"), new Object[0], null);

            MetricData calls = metrics.collectAllMetrics().stream()
                    .filter(m -> m.getName().equals(TelemetryConventions.METRIC_CALLS))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + TelemetryConventions.METRIC_CALLS));
            assertThat(calls.getLongSumData().getPoints())
                    .extracting(LongPointData::getValue)
                    .containsExactly(1L);
            assertThat(audit.records().get(0).tags()).doesNotContainKey(TelemetryConventions.TRACE_ID_TAG);
        }
    }
}
