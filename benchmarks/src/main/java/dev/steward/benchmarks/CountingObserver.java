package dev.steward.benchmarks;

import dev.steward.api.AuditRecord;
import dev.steward.core.spi.StewardObserver;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stands in for a metrics backend: the benchmark counts what a meter registry would
 * record (one counter and one timer sample per audited call) through the observer SPI every integration uses. Thread-safe.
 */
public final class CountingObserver implements StewardObserver {

    private final LongAdder records = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    @Override
    public void onAudit(AuditRecord record) {
        records.increment();
        latencyNanos.add(record.latency().toNanos());
    }

    /**
     * Audit records seen so far.
     *
     * @return the count
     */
    public long records() {
        return records.sum();
    }
}
