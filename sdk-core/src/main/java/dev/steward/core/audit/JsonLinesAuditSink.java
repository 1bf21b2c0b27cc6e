package dev.steward.core.audit;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends each record as one chained line of JSON to a file, with group commit: {@link #write} hands the record to one
 * writer thread and returns only after the batch holding it has been written and, by default, forced to the storage
 * device. Callers that write while a batch is being written join the next batch, so one {@code fsync} serves many
 * calls.
 *
 * <p>Each line is {@code {"seq":n,"prev":"…","hash":"…","record":{…}}}: the record in its canonical JSON and its
 * place in an {@link AuditChain}, so that {@link #verify} finds any changed, deleted, inserted or reordered line. When
 * the sink opens it reads the file's last chained line and continues that chain, so a restart keeps one chain per
 * file. Plain record lines written before lines were chained are still read by {@link #search}; {@link #verify} skips
 * those that precede the first chained line.
 *
 * <p>What {@link #write} guarantees: when it returns normally, the record's line has been written to the file and,
 * with {@code fsync} on (the default), forced to the device ({@link FileChannel#force(boolean) force(false)}), so it
 * survives a power loss or kernel crash; with {@code fsync} off it is in the operating system's hands only, which
 * survives the JVM ending but not a power loss. A caller never waits longer than the write timeout: when the record is
 * not written by then (the file is slow, blocked or failing, or the queue stays full), {@link #write} throws {@link
 * AuditFailedException}, so the call fails closed. Nothing is dropped silently: a record whose write timed out stays
 * queued and is written if the file recovers, so the file may hold a record for a call whose caller was told the
 * audit failed, but an answer is never released while its record is only in memory. When the file cannot be written
 * the batch is kept and retried every second (the failure is logged); after a failure the file is reopened and lines
 * of the batch already on it are not written again.
 *
 * <p>The writer thread opens the file at its first batch, so a file that blocks (a hung network file system) makes
 * calls fail within the write timeout rather than blocking startup. A path that is not a regular file (a named pipe, a
 * device) is written but neither read back when opened nor forced.
 *
 * <p>Rotation: before each batch the writer compares the open file with the file at the path (its file key, such as
 * device and inode, or its existence) and its size with the size it left; if the file was moved, deleted or emptied in
 * place (logrotate's {@code copytruncate}), it logs the old file's head as a checkpoint at INFO and continues in the
 * file at the path, whose chain starts again at sequence 1. A file that merely shrank (lines cut off its end) is not a
 * rotation: the writer logs a WARNING and continues its own chain, so the verifier reports the gap. A file rotated in
 * is thus a chain of its own that verifies on its own; the logged checkpoint ties the rotated-out file to the log. A
 * checkpoint (sequence and head hash) is also logged at INFO every {@code checkpointEvery} records and at {@link
 * #close()}; keep these outside the file (for example in a SIEM) and pass one to {@link #verify} to detect a cut tail
 * or a rewritten file.
 *
 * <p>{@link #flush()} waits until everything accepted so far is written; {@link #close()} writes what is still queued
 * and stops. Thread-safe: the queue and batch state are guarded by one lock; the file is written only by the writer
 * thread.
 */
public final class JsonLinesAuditSink implements AuditSink, AuditTrail, VerifiableAuditLog, AutoCloseable {

    /** How long {@link #write} waits for its record to be written when no timeout is given: 5 seconds. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    /** Whether batches are forced to the device when not configured: {@code true}. */
    public static final boolean DEFAULT_FSYNC = true;

    /** Every how many records a checkpoint is logged when not configured: 1000. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;

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
        // each record already in its canonical JSON, by its caller
        final List<String> records = new ArrayList<>();
        // the hashes the last failed attempt gave its lines, to skip those that reached the file; writer thread only
        String[] attempted;
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
    private final boolean fsync;
    private final int checkpointEvery;
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

    // confined to the writer thread: the open file, whether it is a regular file (a pipe or device is neither read
    // back nor forced), the file key it had when opened (null where the platform has none), and the last link on it
    private FileChannel out;
    private boolean regular;
    // the file's size after this sink's last write; a smaller file was truncated by someone else
    private long end;
    private boolean startOnNewLine;
    private Object openKey;
    private long headSequence;
    private String headHash = AuditChain.GENESIS;
    // the last link written, for readers on other threads
    private volatile AuditVerifier.Checkpoint head;
    private volatile long forcedBatches;

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
        this(file, queueCapacity, writeTimeout, DEFAULT_FSYNC, DEFAULT_CHECKPOINT_EVERY);
    }

    /**
     * Creates the sink and starts its writer thread, which opens the file at the first batch and continues the chain
     * of its last line (opening on the writer thread keeps a file that blocks from blocking startup or callers beyond
     * the write timeout).
     *
     * @param file the file to append to; its folder and the file are created if missing
     * @param queueCapacity the most records accepted and not yet written, positive
     * @param writeTimeout the longest {@link #write} waits for its record to be written, positive
     * @param fsync whether each batch is forced to the storage device before its writers return ({@code false}:
     *     written to the operating system only)
     * @param checkpointEvery every how many records a checkpoint is logged at INFO, positive
     * @throws IllegalArgumentException if {@code queueCapacity}, {@code writeTimeout} or {@code checkpointEvery} is not
     *     positive
     * @throws UncheckedIOException if the folder cannot be created
     */
    public JsonLinesAuditSink(Path file, int queueCapacity, Duration writeTimeout, boolean fsync, int checkpointEvery) {
        this(file, queueCapacity, writeTimeout, fsync, checkpointEvery, BatchHook.NONE);
    }

    JsonLinesAuditSink(Path file, int queueCapacity, Duration writeTimeout, BatchHook hook) {
        this(file, queueCapacity, writeTimeout, DEFAULT_FSYNC, DEFAULT_CHECKPOINT_EVERY, hook);
    }

    JsonLinesAuditSink(
            Path file, int queueCapacity, Duration writeTimeout, boolean fsync, int checkpointEvery, BatchHook hook) {
        if (checkpointEvery <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, was " + checkpointEvery);
        }
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
        this.fsync = fsync;
        this.checkpointEvery = checkpointEvery;
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
     * Writes one record and returns once the batch holding it is written to the file and, with {@code fsync} on,
     * forced to the device.
     *
     * @param record the record
     * @throws AuditFailedException if the sink is closed, if the record is not written within the write timeout
     *     (it then stays queued and is written if the file recovers), or if the calling thread is interrupted while
     *     waiting (its interrupt flag is kept)
     * @throws IllegalStateException if the record cannot be serialized as JSON (nothing is queued then)
     */
    @Override
    public void write(AuditRecord record) {
        // serialized on the caller's thread, so that callers share the CPU work and the writer thread only hashes
        // and writes
        String line = AuditChain.canonical(record);
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

    /**
     * The records of the file at the path that match, newest first; after a rotation, of the new file only. A line
     * that is not an audit record (cut short by a crash, or edited) is skipped and logged at WARNING with its line
     * number, never its content; a last line without its line break (being written) is not read.
     *
     * @param query the filter
     * @return at most {@code query.limit()} records
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    @Override
    public List<AuditRecord> search(AuditQuery query) {
        List<AuditRecord> matches = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = completeLines(file)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }
            for (int i = lines.size() - 1; i >= 0 && matches.size() < query.limit(); i--) {
                if (!lines.get(i).isBlank()) {
                    AuditRecord r;
                    try {
                        r = AuditJson.read(lines.get(i));
                    } catch (IllegalArgumentException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "audit file " + file + ": line " + (i + 1) + " is not an audit record; skipped");
                        continue;
                    }
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
     * Verifies the file at the path: see {@link #verify(Path, Optional)}.
     *
     * @param checkpoint a checkpoint logged earlier, if any
     * @return the result
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public AuditVerifier.Result verify(Optional<AuditVerifier.Checkpoint> checkpoint) {
        return verify(file, checkpoint);
    }

    /**
     * Verifies a file this sink wrote, also while a sink appends to it: every chained line must continue the chain
     * from sequence 1 ({@link AuditVerifier}); plain record lines before the first chained line (written before lines
     * were chained) are skipped; a line that is not an audit record, or a plain line after a chained one, is the
     * first bad record at its place. Only complete lines are read: a last line without its line break (being written,
     * or cut short by a crash) is left out. A missing file is an empty log.
     *
     * @param file the file
     * @param checkpoint a checkpoint logged earlier, if any
     * @return the result; a tampered file is a result, never an exception
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static AuditVerifier.Result verify(Path file, Optional<AuditVerifier.Checkpoint> checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (!Files.exists(file)) {
            return AuditVerifier.verify(java.util.Collections.emptyIterator(), checkpoint);
        }
        try (BufferedReader reader = completeLines(file)) {
            FileLinks links = new FileLinks(reader);
            AuditVerifier.Result result = AuditVerifier.verify(links, checkpoint);
            if (links.unreadable != null) {
                // the verifier took every link before it, so this line is the first that does not fit
                return new AuditVerifier.Result(
                        false, result.records(), result.records() + 1, links.unreadable, result.head());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit file " + file, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read audit file " + file, e.getCause());
        }
    }

    // The file's complete lines: up to its last line break when opened, so that a line being written now (or cut short
    // by a crash and not yet followed by another) is not read as a bad one.
    private static BufferedReader completeLines(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long limit = 0;
            long start = channel.size();
            ByteBuffer block = ByteBuffer.allocate(8192);
            while (start > 0 && limit == 0) {
                int n = (int) Math.min(block.capacity(), start);
                start -= n;
                block.clear().limit(n);
                while (block.hasRemaining()) {
                    if (channel.read(block, start + block.position()) < 0) {
                        break;
                    }
                }
                for (int i = block.position() - 1; i >= 0; i--) {
                    if (block.get(i) == '\n') {
                        limit = start + i + 1;
                        break;
                    }
                }
            }
            long bytes = limit;
            java.io.InputStream all = java.nio.channels.Channels.newInputStream(channel);
            java.io.InputStream bounded = new java.io.InputStream() {
                private long left = bytes;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = all.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = all.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    all.close();
                }
            };
            return new BufferedReader(new java.io.InputStreamReader(bounded, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The chained lines of a file in order; stops at the first line that is not one, saying why. */
    private static final class FileLinks implements Iterator<AuditChain.Link> {
        private final BufferedReader reader;
        private long lineNumber;
        private boolean chained;
        private AuditChain.Link next;
        private boolean ended;
        String unreadable;

        FileLinks(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (ended) {
                return false;
            }
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    AuditJson.Stored stored;
                    try {
                        stored = AuditJson.readStored(line);
                    } catch (IllegalArgumentException e) {
                        return stop("line " + lineNumber + " is not an audit record (" + e.getMessage()
                                + "): it was edited, or cut short by a crash");
                    }
                    if (stored.link() == null) {
                        if (chained) {
                            return stop("line " + lineNumber + " is a record without chain fields after chained"
                                    + " records: it was inserted");
                        }
                        continue;
                    }
                    chained = true;
                    next = stored.link();
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ended = true;
            return false;
        }

        private boolean stop(String reason) {
            unreadable = reason;
            ended = true;
            return false;
        }

        @Override
        public AuditChain.Link next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AuditChain.Link link = next;
            next = null;
            return link;
        }
    }

    /**
     * The last record written by this sink and its hash: a checkpoint to keep.
     *
     * @return the head, or empty while the file holds no chained record
     */
    public Optional<AuditVerifier.Checkpoint> head() {
        return Optional.ofNullable(head);
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
            AuditVerifier.Checkpoint last = head;
            if (last != null) {
                logCheckpoint(last, "at close");
            }
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
                append(batch);
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

    // One channel stays open across batches. It is reopened after a failure, and when the file at the path is no
    // longer the one opened (rotated: moved or deleted), checked once per batch with one stat.
    private void append(Batch batch) throws IOException {
        try {
            if (out == null) {
                open();
            } else if (rotated()) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "audit file " + file + " was moved, deleted or emptied since it was opened; its chain ended at"
                                + " sequence=" + headSequence + " hash=" + headHash
                                + "; continuing in a new file at the path, whose chain starts at sequence 1");
                closeWriter();
                open();
            }
            List<String> records = batch.records;
            int from = 0;
            if (batch.attempted != null) {
                // lines an earlier, failed attempt already put on the file are not written twice
                for (int i = 0; i < batch.attempted.length; i++) {
                    if (headHash.equals(batch.attempted[i])) {
                        from = i + 1;
                    }
                }
            }
            String[] hashes = new String[records.size()];
            if (batch.attempted != null) {
                System.arraycopy(batch.attempted, 0, hashes, 0, from);
            }
            StringBuilder text = new StringBuilder(records.size() * 1024);
            if (startOnNewLine) {
                text.append('\n');
            }
            long sequence = headSequence;
            String previous = headHash;
            List<AuditVerifier.Checkpoint> due = new ArrayList<>(1);
            for (int i = from; i < records.size(); i++) {
                sequence++;
                String hash = AuditChain.hash(sequence, previous, records.get(i));
                text.append(AuditJson.chainedLine(sequence, previous, hash, records.get(i)))
                        .append('\n');
                hashes[i] = hash;
                previous = hash;
                if (sequence % checkpointEvery == 0) {
                    due.add(new AuditVerifier.Checkpoint(sequence, hash));
                }
            }
            batch.attempted = hashes;
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            if (fsync && regular) {
                out.force(false);
                forcedBatches++;
            }
            end = out.size();
            startOnNewLine = false;
            headSequence = sequence;
            headHash = previous;
            if (sequence > 0) {
                head = new AuditVerifier.Checkpoint(sequence, previous);
            }
            for (AuditVerifier.Checkpoint checkpoint : due) {
                logCheckpoint(checkpoint, "every " + checkpointEvery + " records");
            }
        } catch (IOException e) {
            closeWriter();
            throw e;
        }
    }

    // Opens the file at the path for appending and continues the chain of its last chained line.
    private void open() throws IOException {
        boolean created = !Files.exists(file);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            regular = Files.isRegularFile(file);
            Tail tail = regular ? readTail(file) : new Tail(null, false);
            if (tail.cutShort) {
                // a line cut short by a crash stays for the verifier to report; new lines start on a line of their own
                LOG.log(
                        System.Logger.Level.WARNING,
                        "audit file " + file + " ends in an incomplete line (a write cut short); it is kept and"
                                + " new records start on the next line");
                ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
                while (newline.hasRemaining()) {
                    channel.write(newline);
                }
            }
            startOnNewLine = false;
            if (created && fsync && regular) {
                forceFolder();
            }
            openKey = fileKey();
            end = channel.size();
            headSequence = tail.last == null ? 0 : tail.last.sequence();
            headHash = tail.last == null ? AuditChain.GENESIS : tail.last.hash();
            head = tail.last == null ? null : new AuditVerifier.Checkpoint(headSequence, headHash);
            out = channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    // A new file's name is in its folder; forcing the folder makes the name survive a power loss with the content.
    private void forceFolder() {
        Path folder = file.getParent();
        if (folder == null) {
            return;
        }
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open or force a folder; the file's content is still forced with each batch
            LOG.log(System.Logger.Level.DEBUG, "cannot force the folder of audit file " + file + ": " + e);
        }
    }

    private Object fileKey() throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private boolean rotated() throws IOException {
        long size = out.size();
        if (size < end) {
            if (size == 0) {
                // emptied in place, as logrotate's copytruncate does: a new file in all but name
                return true;
            }
            // Lines were cut off the end. The chain continues from this sink's head, so that the gap stays visible
            // to the verifier instead of being papered over; a blank line keeps the next record off a cut line.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "audit file " + file + " shrank from " + end + " to " + size + " bytes since the last write:"
                            + " records were removed; the chain continues after sequence " + headSequence
                            + ", so verification reports the gap");
            end = size;
            startOnNewLine = true;
        }
        try {
            Object now = fileKey();
            return openKey != null && !openKey.equals(now);
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** The last chained line of a file, and whether the file ends inside a line. */
    record Tail(AuditChain.Link last, boolean cutShort) {}

    // Reads the file backwards in blocks until a line that is an audit record, so that opening a large file costs
    // one block. A plain record line before any chained one means the chain starts at 1.
    static Tail readTail(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return new Tail(null, false);
            }
            ByteBuffer lastByte = ByteBuffer.allocate(1);
            in.read(lastByte, size - 1);
            boolean cutShort = lastByte.get(0) != '\n';
            byte[] pending = new byte[0];
            // the segment after the file's last line break is a line cut short when the file does not end in one
            boolean lastSegment = true;
            long start = size;
            int block = 8192;
            while (start > 0) {
                int n = (int) Math.min(block, start);
                start -= n;
                ByteBuffer buf = ByteBuffer.allocate(n);
                while (buf.hasRemaining()) {
                    if (in.read(buf, start + buf.position()) < 0) {
                        throw new IOException("audit file " + file + " shrank while being read");
                    }
                }
                byte[] joined = new byte[n + pending.length];
                System.arraycopy(buf.array(), 0, joined, 0, n);
                System.arraycopy(pending, 0, joined, n, pending.length);
                // lines wholly inside joined, last first; the part before the first line break may be cut off
                int end = joined.length;
                for (int i = joined.length - 1; i >= 0; i--) {
                    if (joined[i] == '\n') {
                        Tail found = parse(joined, i + 1, end, cutShort && lastSegment);
                        lastSegment = false;
                        if (found != null) {
                            return new Tail(found.last(), cutShort);
                        }
                        end = i;
                    }
                }
                pending = Arrays.copyOfRange(joined, 0, end);
                block = Math.min(block * 2, 1 << 20);
            }
            Tail found = parse(pending, 0, pending.length, cutShort && lastSegment);
            return new Tail(found == null ? null : found.last(), cutShort);
        }
    }

    // A tail if bytes [from, to) are an audit record line (its link, or none for a plain line); null to keep looking.
    private static Tail parse(byte[] bytes, int from, int to, boolean incomplete) {
        if (incomplete || from >= to) {
            return null;
        }
        String line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (line.isBlank()) {
            return null;
        }
        try {
            return new Tail(AuditJson.readStored(line).link(), false);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void logCheckpoint(AuditVerifier.Checkpoint checkpoint, String why) {
        LOG.log(
                System.Logger.Level.INFO,
                "audit checkpoint (" + why + ") file=" + file + " sequence=" + checkpoint.sequence() + " hash="
                        + checkpoint.hash());
    }

    private void closeWriter() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the batch is retried with a new channel; nothing more to do with the broken one
            }
            out = null;
        }
    }

    /** Batches forced to the device so far; for tests. */
    long forcedBatches() {
        return forcedBatches;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
