package dev.steward.core.audit;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends each record as one line of JSON to a file, with group commit: {@link #write} hands the record to one writer
 * thread and returns only after the batch holding it has been written and flushed to the file. Callers that write
 * while a batch is being written join the next batch, so one flush serves many calls.
 *
 * <p>What {@link #write} guarantees: when it returns normally, the record has been written to the file and the
 * file's writer flushed, so the record is in the operating system's hands and survives the JVM ending; it is not
 * forced to the storage device ({@code fsync}), so a power loss or kernel crash may still lose the last records. A
 * caller never waits longer than the write timeout: when the record is not written by then (the file is slow, blocked
 * or failing, or the queue stays full), {@link #write} throws {@link AuditFailedException}, so the call fails
 * closed. Nothing is dropped silently: a record whose write timed out stays queued and is written if the file
 * recovers, so the file may hold a record for a call whose caller was told the audit failed, but an answer is never
 * released while its record is only in memory. When the file cannot be written the batch is kept and retried every
 * second (the failure is logged; a record written just before the failure may then appear twice, never not at all).
 *
 * <p>{@link #flush()} waits until everything accepted so far is written; {@link #close()} writes what is still queued
 * and stops. Thread-safe: the queue and batch state are guarded by one lock; the file is touched only by the writer
 * thread.
 */
public final class JsonLinesAuditSink implements AuditSink, AuditTrail, AutoCloseable {

    /** How long {@link #write} waits for its record to be written when no timeout is given: 5 seconds. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(JsonLinesAuditSink.class.getName());

    /** Runs on the writer thread before each batch is written; tests use it to stall or fail the writer. */
    @FunctionalInterface
    interface BatchHook {
        BatchHook NONE = records -> {};

        void beforeWrite(int records) throws IOException, InterruptedException;
    }

    /** Records accepted together and written with one flush. Its fields are guarded by {@link #lock}. */
    private final class Batch {
        final long generation;
        // each record already serialized, by its caller
        final List<String> records = new ArrayList<>();
        final Condition committed = lock.newCondition();
        // volatile so that a caller may spin on it outside the lock before parking
        volatile boolean done;

        Batch(long generation) {
            this.generation = generation;
        }
    }

    private final Path file;
    private final int capacity;
    private final Duration writeTimeout;
    private final long writeTimeoutNanos;
    private final BatchHook hook;
    private final Thread writer;

    // One lock guards open, pending, committedGeneration and closed; the writer thread holds it only to swap batches
    // and to mark one committed, never while touching the file.
    private final ReentrantLock lock = new ReentrantLock();
    // signalled when the open batch receives its first record, and on close
    private final Condition work = lock.newCondition();
    // signalled after every commit: frees queue space, advances flush() and close()
    private final Condition progress = lock.newCondition();
    private Batch open = new Batch(1);
    // records in the open batch, readable without the lock so that an idle writer may spin on it before parking
    private volatile int openSize;
    private int pending;
    private long committedGeneration;
    private boolean closed;

    // confined to the writer thread
    private BufferedWriter out;

    /**
     * Opens the sink with the {@linkplain #DEFAULT_WRITE_TIMEOUT default write timeout} and starts its writer thread.
     *
     * @param file the file to append to; its folder is created if missing
     * @param queueCapacity the most records accepted and not yet written, positive
     * @throws IllegalArgumentException if {@code queueCapacity} is not positive
     * @throws UncheckedIOException if the folder cannot be created
     */
    public JsonLinesAuditSink(Path file, int queueCapacity) {
        this(file, queueCapacity, DEFAULT_WRITE_TIMEOUT);
    }

    /**
     * Opens the sink and starts its writer thread.
     *
     * @param file the file to append to; its folder is created if missing
     * @param queueCapacity the most records accepted and not yet written, positive
     * @param writeTimeout the longest {@link #write} waits for its record to be written, positive
     * @throws IllegalArgumentException if {@code queueCapacity} or {@code writeTimeout} is not positive
     * @throws UncheckedIOException if the folder cannot be created
     */
    public JsonLinesAuditSink(Path file, int queueCapacity, Duration writeTimeout) {
        this(file, queueCapacity, writeTimeout, BatchHook.NONE);
    }

    JsonLinesAuditSink(Path file, int queueCapacity, Duration writeTimeout, BatchHook hook) {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive, was " + queueCapacity);
        }
        if (writeTimeout == null || writeTimeout.isZero() || writeTimeout.isNegative()) {
            throw new IllegalArgumentException("write timeout must be positive, was " + writeTimeout);
        }
        this.file = file.toAbsolutePath();
        this.capacity = queueCapacity;
        this.writeTimeout = writeTimeout;
        this.writeTimeoutNanos = saturatedNanos(writeTimeout);
        this.hook = hook;
        try {
            Path parent = this.file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of audit file " + this.file, e);
        }
        this.writer = new Thread(this::drain, "steward-audit-jsonl");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Writes one record and returns once the batch holding it is written to the file and flushed.
     *
     * @param record the record
     * @throws AuditFailedException if the sink is closed, if the record is not written within the write timeout
     *     (it then stays queued and is written if the file recovers), or if the calling thread is interrupted while
     *     waiting (its interrupt flag is kept)
     * @throws IllegalStateException if the record cannot be serialized as JSON (nothing is queued then)
     */
    @Override
    public void write(AuditRecord record) {
        // serialized on the caller's thread, so that callers share the CPU work and the writer thread only writes
        String line = AuditJson.write(record);
        long deadline = System.nanoTime() + writeTimeoutNanos;
        lock.lock();
        try {
            if (closed) {
                throw new AuditFailedException(
                        null, "audit sink for " + file + " is closed; record " + record.id() + " refused", null);
            }
            while (pending >= capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            null,
                            "audit record " + record.id() + " refused: " + pending + " records are waiting for " + file
                                    + " and none was written within " + writeTimeout,
                            null);
                }
                progress.awaitNanos(left);
                if (closed) {
                    throw new AuditFailedException(
                            null, "audit sink for " + file + " closed; record " + record.id() + " refused", null);
                }
            }
            Batch mine = open;
            mine.records.add(line);
            openSize = mine.records.size();
            pending++;
            if (mine.records.size() == 1) {
                work.signal();
            }
            if (!mine.done && SPIN_NANOS > 0) {
                // A write and flush take a few microseconds; waking a parked thread costs more. Spin briefly
                // first, outside the lock, so that the writer can commit the batch.
                lock.unlock();
                try {
                    spinUntil(() -> mine.done);
                } finally {
                    lock.lock();
                }
            }
            while (!mine.done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            null,
                            "audit record " + record.id() + " was not written to " + file + " within " + writeTimeout
                                    + "; it stays queued and is written if the file recovers",
                            null);
                }
                mine.committed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailedException(
                    null, "interrupted while waiting for audit record " + record.id() + " to be written to " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every record accepted before this call is written, at most the write timeout.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AuditFailedException if those records are not written within the write timeout
     */
    public void flush() throws InterruptedException {
        long deadline = System.nanoTime() + writeTimeoutNanos;
        lock.lock();
        try {
            long target = open.records.isEmpty() ? open.generation - 1 : open.generation;
            while (committedGeneration < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            null,
                            pending + " audit records were not written to " + file + " within " + writeTimeout,
                            null);
                }
                progress.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<AuditRecord> search(AuditQuery query) {
        List<AuditRecord> matches = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0 && matches.size() < query.limit(); i--) {
                if (!lines.get(i).isBlank()) {
                    AuditRecord r = AuditJson.read(lines.get(i));
                    if (query.matches(r)) {
                        matches.add(r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit file " + file, e);
        }
        return matches;
    }

    /**
     * Refuses further records, waits at most the write timeout for the queued ones to be written, and stops the
     * writer thread.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AuditFailedException if queued records were still unwritten when the wait ended (they are counted in
     *     the message and also logged)
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + writeTimeoutNanos;
        int unwritten;
        lock.lock();
        try {
            closed = true;
            work.signalAll();
            progress.signalAll();
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                progress.awaitNanos(left);
            }
            unwritten = pending;
        } finally {
            lock.unlock();
        }
        writer.interrupt();
        writer.join(1000);
        if (unwritten > 0) {
            String message = unwritten + " audit records were not written to " + file + " within " + writeTimeout
                    + " when the sink closed";
            LOG.log(System.Logger.Level.ERROR, message);
            throw new AuditFailedException(null, message, null);
        }
    }

    /** The records accepted and not yet written. */
    int pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        try {
            Batch batch;
            while ((batch = next()) != null) {
                if (!writeUntilDone(batch)) {
                    return;
                }
                commit(batch);
            }
        } finally {
            closeWriter();
        }
    }

    // The open batch, swapped for a fresh one; null once closed with nothing left.
    private Batch next() {
        if (openSize == 0 && SPIN_NANOS > 0) {
            // an idle writer spins a moment before parking, so that a call arriving soon need not wake it
            spinUntil(() -> openSize > 0);
        }
        lock.lock();
        try {
            while (open.records.isEmpty()) {
                if (closed) {
                    return null;
                }
                work.awaitUninterruptibly();
            }
            Batch taken = open;
            open = new Batch(taken.generation + 1);
            openSize = 0;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    // Spinning only pays when another core can make progress meanwhile.
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 50_000 : 0;

    private static void spinUntil(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + SPIN_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    private void commit(Batch batch) {
        lock.lock();
        try {
            batch.done = true;
            pending -= batch.records.size();
            committedGeneration = batch.generation;
            batch.committed.signalAll();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // True once the batch is written; false if the sink was closed while the file kept failing.
    private boolean writeUntilDone(Batch batch) {
        while (true) {
            try {
                hook.beforeWrite(batch.records.size());
                append(batch.records);
                return true;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot append to audit file " + file + "; retrying", e);
                if (isClosed()) {
                    return false;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    if (isClosed()) {
                        return false;
                    }
                }
            } catch (InterruptedException e) {
                if (isClosed()) {
                    return false;
                }
            }
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    // One writer stays open across batches; it is reopened only after a failure, so that a rotated or recreated
    // file is picked up again.
    private void append(List<String> batch) throws IOException {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            for (String line : batch) {
                out.write(line);
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            closeWriter();
            throw e;
        }
    }

    private void closeWriter() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the batch is retried with a new writer; nothing more to do with the broken one
            }
            out = null;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
