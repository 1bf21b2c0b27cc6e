package dev.steward.benchmarks;

import dev.steward.api.AuditRecord;
import dev.steward.core.StewardListener;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stands in for a metrics backend: core has no metrics hook yet, so the benchmark counts what a meter registry would
 * record (one counter and one timer sample per audited call) through the listener every integration uses. Thread-safe.
 */
public final class CountingListener implements StewardListener {

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
