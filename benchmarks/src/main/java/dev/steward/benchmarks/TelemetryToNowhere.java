package dev.steward.benchmarks;

import dev.steward.opentelemetry.OpenTelemetryObserver;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * The OpenTelemetry SDK as an application configures it, sampling every span, with a batch span processor and a
 * periodic metric reader whose exporters discard what they are given: what Steward's observer and the SDK cost on the
 * calling thread, without a network. Not thread-safe to build or close.
 */
final class TelemetryToNowhere implements AutoCloseable {

    private final LongAdder exportedSpans = new LongAdder();
    private final OpenTelemetrySdk sdk;
    private final OpenTelemetryObserver observer;

    TelemetryToNowhere() {
        SpanExporter spans = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                exportedSpans.add(batch.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        MetricExporter metrics = new MetricExporter() {
            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode export(Collection<MetricData> batch) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(spans).build())
                        .build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.create(metrics))
                        .build())
                .build();
        observer = new OpenTelemetryObserver(sdk);
    }

    OpenTelemetryObserver observer() {
        return observer;
    }

    /**
     * Spans the exporter received; the batch processor drops spans when its queue is full.
     *
     * @return the count
     */
    long exportedSpans() {
        return exportedSpans.sum();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
