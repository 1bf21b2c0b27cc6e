package dev.steward.core.audit;

import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Keeps the most recent records in memory, for tests, demos and the audit query API. When full it drops the oldest
 * record and counts it in {@link #dropped()}, so the loss is visible; for audit that outlives the JVM use the
 * JSON-lines sink. Thread-safe.
 */
public final class InMemoryAuditSink implements AuditSink, AuditTrail {

    private final int capacity;
    private final ArrayDeque<AuditRecord> records = new ArrayDeque<>();
    private long dropped;

    /**
     * A sink keeping up to {@code capacity} records.
     *
     * @param capacity the most records kept, positive
     */
    public InMemoryAuditSink(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void write(AuditRecord record) {
        if (records.size() == capacity) {
            records.removeFirst();
            dropped++;
        }
        records.addLast(record);
    }

    /**
     * Every record held, oldest first.
     *
     * @return a copy
     */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    /**
     * How many records were dropped because the sink was full.
     *
     * @return the count
     */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized List<AuditRecord> search(AuditQuery query) {
        List<AuditRecord> out = new ArrayList<>();
        for (Iterator<AuditRecord> it = records.descendingIterator(); it.hasNext() && out.size() < query.limit(); ) {
            AuditRecord r = it.next();
            if (query.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
