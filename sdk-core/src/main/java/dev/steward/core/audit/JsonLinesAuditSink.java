package dev.steward.core.audit;

import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Appends each record as one line of JSON to a file, off the caller's thread: {@link #write} only enqueues, and one
 * writer thread drains the queue in batches. Nothing is dropped: when the queue is full the caller waits, and when
 * the file cannot be written the batch is kept and retried every second (the failure is logged; a record written
 * just before the failure may then appear twice, never not at all). {@link #flush()}
 * waits until everything enqueued so far is on disk; {@link #close()} flushes and stops. Thread-safe.
 */
public final class JsonLinesAuditSink implements AuditSink, AuditTrail, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JsonLinesAuditSink.class.getName());

    private final Path file;
    private final BlockingQueue<AuditRecord> queue;
    private final Thread writer;
    private final Object progress = new Object();
    private long enqueued;
    private long written;
    private volatile boolean closed;
    // confined to the writer thread
    private BufferedWriter out;

    /**
     * Opens the sink and starts its writer thread.
     *
     * @param file the file to append to; its folder is created if missing
     * @param queueCapacity the most records waiting to be written
     * @throws UncheckedIOException if the folder cannot be created
     */
    public JsonLinesAuditSink(Path file, int queueCapacity) {
        this.file = file.toAbsolutePath();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
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

    @Override
    public void write(AuditRecord record) {
        if (closed) {
            throw new IllegalStateException(
                    "audit sink for " + file + " is closed; record " + record.id() + " refused");
        }
        synchronized (progress) {
            enqueued++;
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            synchronized (progress) {
                enqueued--;
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing audit record " + record.id(), e);
        }
    }

    /**
     * Waits until every record enqueued before this call is written.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void flush() throws InterruptedException {
        synchronized (progress) {
            long target = enqueued;
            while (written < target) {
                progress.wait(1000);
            }
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

    @Override
    public void close() throws InterruptedException {
        flush();
        closed = true;
        writer.interrupt();
        writer.join(5000);
    }

    private void drain() {
        try {
            drainUntilClosed();
        } finally {
            closeWriter();
        }
    }

    private void drainUntilClosed() {
        List<AuditRecord> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, 1023);
                }
                append(batch);
                int n = batch.size();
                batch.clear();
                synchronized (progress) {
                    written += n;
                    progress.notifyAll();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot append to audit file " + file + "; retrying", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    if (closed) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                if (closed && queue.isEmpty() && batch.isEmpty()) {
                    return;
                }
            }
        }
    }

    // One writer stays open across batches; it is reopened only after a failure, so that a rotated or recreated
    // file is picked up again.
    private void append(List<AuditRecord> batch) throws IOException {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            for (AuditRecord r : batch) {
                out.write(AuditJson.write(r));
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
}
