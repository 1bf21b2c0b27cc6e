package dev.steward.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.spi.PromptRegistry;
import dev.steward.cdi.StewardExtension;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.opentelemetry.it.app.CannedProvider;
import dev.steward.opentelemetry.it.app.SummaryService;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The observer as {@link java.util.ServiceLoader} finds it under CDI (Weld SE), with the application's OpenTelemetry as
 * a CDI bean (as Open Liberty's {@code mpTelemetry} provides it) and no Steward or OpenTelemetry code of the
 * application's: calls are traced, and the circuit states and budgets are reported.
 */
class CdiObserverTest {

    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final Config config = new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(
                    Map.of(
                            "steward.audit.sink", "memory",
                            "steward.route.default.providers", "canned",
                            "steward.capability.claims.summarize.allow-anonymous", "true",
                            "steward.capability.claims.summarize.ceiling.per-tenant", "10000 tokens"),
                    "test",
                    500))
            .build();

    /** The application's OpenTelemetry and prompts, as beans. */
    private final class ApplicationBeans implements Extension {
        void beans(@Observes AfterBeanDiscovery abd) {
            abd.addBean()
                    .types(OpenTelemetry.class, Object.class)
                    .scope(Dependent.class)
                    .createWith(c -> sdk);
            abd.addBean()
                    .types(PromptRegistry.class, Object.class)
                    .scope(Dependent.class)
                    .createWith(
                            c -> new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize {{claimId}}"));
        }
    }

    @AfterEach
    void release() {
        ConfigProviderResolver.instance().releaseConfig(config);
        sdk.close();
    }

    @Test
    void reportsCircuitStatesAndBudgetsUnderCdiWithNoRegistrationInCodeUntilTheApplicationStops() {
        ConfigProviderResolver.instance()
                .registerConfig(config, Thread.currentThread().getContextClassLoader());
        try (WeldContainer container = new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addExtension(new ApplicationBeans())
                .addBeanClasses(SummaryService.class, CannedProvider.class)
                .initialize()) {
            assertThat(container.select(SummaryService.class).get().summarize("CLM-1"))
                    .isEqualTo("a short summary");

            // a call span, and under it one span per provider try
            assertThat(spans.getFinishedSpanItems()).hasSize(2);
            SpanData call = spans.getFinishedSpanItems().stream()
                    .filter(d -> d.getName().equals("steward claims.summarize"))
                    .findFirst()
                    .orElseThrow();
            assertThat(spans.getFinishedSpanItems())
                    .filteredOn(d -> d.getKind() == SpanKind.CLIENT)
                    .singleElement()
                    .satisfies(d -> assertThat(d.getParentSpanId()).isEqualTo(call.getSpanId()));
            assertThat(call.getAttributes().get(TelemetryConventions.CAPABILITY))
                    .isEqualTo("claims.summarize");

            assertThat(metrics.collectAllMetrics())
                    .filteredOn(m -> m.getName().equals(TelemetryConventions.METRIC_CIRCUIT_STATE))
                    .singleElement()
                    .satisfies(m -> assertThat(m.getLongGaugeData().getPoints())
                            .hasSize(3)
                            .anySatisfy(p -> {
                                assertThat(p.getAttributes().get(TelemetryConventions.GEN_AI_PROVIDER_NAME))
                                        .isEqualTo("canned");
                                assertThat(p.getAttributes().get(TelemetryConventions.CIRCUIT_STATE))
                                        .isEqualTo("closed");
                                assertThat(p.getValue()).isEqualTo(1L);
                            }));
            // the canned answer uses 21 + 7 tokens
            assertThat(metrics.collectAllMetrics())
                    .filteredOn(m -> m.getName().equals(TelemetryConventions.METRIC_BUDGET_REMAINING))
                    .singleElement()
                    .satisfies(m -> assertThat(m.getDoubleGaugeData().getPoints())
                            .singleElement()
                            .satisfies(p -> {
                                assertThat(p.getAttributes().get(TelemetryConventions.BUDGET_SCOPE))
                                        .isEqualTo("tenant");
                                assertThat(p.getValue()).isEqualTo(10000.0 - 28);
                            }));
        }

        assertThat(metrics.collectAllMetrics())
                .extracting(MetricData::getName)
                .as("the application stopped, so did its circuit states")
                .doesNotContain(TelemetryConventions.METRIC_CIRCUIT_STATE);
    }
}
