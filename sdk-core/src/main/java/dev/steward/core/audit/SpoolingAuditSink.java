package dev.steward.core.audit;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps audit records durable on local disk while another sink (the delegate, such as a database) is unreachable,
 * and replays them to it, in order, when it recovers ({@code steward.audit.on-outage=spool}).
 *
 * <p>What {@link #write} guarantees: when it returns normally, the record was either accepted by the delegate or
 * appended to the spool file and forced to disk ({@link FileChannel#force}). A record goes to the spool when the
 * delegate refuses it (throws, for example after its own write timeout), and every record goes to the spool while
 * the spool holds any, so that records reach the delegate in the order their writes began (writes that overlap in
 * time have no order). One background thread replays the spool to the delegate, oldest first (up to 500 records in
 * one call when the delegate is a {@link BatchAuditSink}, else one at a time), offers a refused record again every
 * retry interval, and forgets a record only after the delegate accepted it;
 * once the spool is empty, writes go to the delegate directly again. A spool left by a previous run is replayed on
 * start.
 *
 * <p>What it does not promise: a record whose delegate write failed with an unknown outcome (it timed out, and the
 * delegate may still store it) is replayed as well, so the delegate must recognise a record it already stored by
 * its {@link AuditRecord#id()}, as the JDBC sink does; the same holds for the records the delegate accepted after
 * the replay offset was last forced to disk (at most 64, or one chunk) when the machine, not just the process, crashed. A record the delegate refuses for good (it is not an outage) holds up the
 * replay of every later one; it is logged at every retry. When the spool holds {@code maxRecords} records, writes
 * fail closed with {@link AuditFailedException}.
 *
 * <p>On disk, the spool is a directory holding {@code records.jsonl} (one {@link AuditJson} record per line, only
 * ever appended to, and emptied when fully replayed), {@code replayed} (the byte offset up to which the delegate has
 * accepted the records) and {@code lock} (held while open, so that two instances never share a spool).
 *
 * <p>Thread-safe: the files and counters are guarded by one lock, which a spooling write holds while it appends and
 * forces its record, so spooled writes are serialized by the disk; the delegate is called outside the lock.
 */
public final class SpoolingAuditSink implements AuditSink, AutoCloseable {

    /** The spool directory when none is configured, as {@code steward.audit.spool.path}: {@code steward-audit-spool}. */
    public static final String DEFAULT_PATH = "steward-audit-spool";

    /** The most records the spool holds when not configured, as {@code steward.audit.spool.max-records}: 1000000. */
    public static final long DEFAULT_MAX_RECORDS = 1_000_000;

    /** How long the replay waits after the delegate refused a record before offering it again: 1 second. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(SpoolingAuditSink.class.getName());
    private static final byte NEWLINE = '\n';
    private static final int FORCE_OFFSET_EVERY = 64;
    private static final int REPLAY_CHUNK = 500;

    private final AuditSink delegate;
    private final Path directory;
    private final long maxRecords;
    private final long retryNanos;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final FileChannel records;
    private final FileChannel replayed;
    private final Thread replayer;
    private final AtomicLong spooledTotal = new AtomicLong();
    private final AtomicLong replayedTotal = new AtomicLong();

    // One lock guards the files' write side and the counters below; the replayer reads records before appendedBytes
    // without it, since those bytes never change while the spool is not empty.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private long appendedBytes;
    private long replayedBytes;
    private long spooled;
    private boolean closed;

    /**
     * Opens (or creates) the spool in {@code directory} in front of {@code delegate}, and starts replaying what a
     * previous run left in it.
     *
     * @param delegate the sink records are meant for; not closed by this sink
     * @param directory the spool directory, created if missing
     * @param maxRecords the most records the spool holds, positive
     * @throws IllegalArgumentException if {@code maxRecords} is not positive
     * @throws IllegalStateException if the directory cannot be created or read, holds a spool it cannot read, or is
     *     used by another open spool (in this or another process)
     */
    public SpoolingAuditSink(AuditSink delegate, Path directory, long maxRecords) {
        this(delegate, directory, maxRecords, DEFAULT_RETRY_INTERVAL);
    }

    /**
     * Opens the spool as {@link #SpoolingAuditSink(AuditSink, Path, long)} does, with a given retry interval.
     *
     * @param delegate the sink records are meant for; not closed by this sink
     * @param directory the spool directory, created if missing
     * @param maxRecords the most records the spool holds, positive
     * @param retryInterval how long the replay waits after the delegate refused a record, positive
     * @throws IllegalArgumentException if {@code maxRecords} or {@code retryInterval} is not positive
     * @throws IllegalStateException if the directory cannot be created or read, holds a spool it cannot read, or is
     *     used by another open spool (in this or another process)
     */
    public SpoolingAuditSink(AuditSink delegate, Path directory, long maxRecords, Duration retryInterval) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("the spool's max records must be positive, was " + maxRecords);
        }
        if (retryInterval.isZero() || retryInterval.isNegative()) {
            throw new IllegalArgumentException("the spool's retry interval must be positive, was " + retryInterval);
        }
        this.maxRecords = maxRecords;
        this.retryNanos = retryInterval.toNanos();
        FileChannel lockFile = null;
        FileChannel recordFile = null;
        FileChannel replayedFile = null;
        try {
            Files.createDirectories(directory);
            lockFile = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                throw new IllegalStateException("the audit spool " + directory.toAbsolutePath()
                        + " is in use by another Steward instance; give each its own steward.audit.spool.path");
            }
            this.fileLock = held;
            recordFile = FileChannel.open(
                    directory.resolve("records.jsonl"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            replayedFile = FileChannel.open(
                    directory.resolve("replayed"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.lockChannel = lockFile;
            this.records = recordFile;
            this.replayed = replayedFile;
            recover();
        } catch (IOException | RuntimeException e) {
            closeQuietly(replayedFile);
            closeQuietly(recordFile);
            closeQuietly(lockFile);
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("cannot open the audit spool " + directory.toAbsolutePath() + ": " + e, e);
        }
        this.replayer = new Thread(this::replay, "steward-audit-spool");
        replayer.setDaemon(true);
        replayer.start();
    }

    /**
     * Hands the record to the delegate, or, when the spool holds records or the delegate refuses it, appends it to
     * the spool and forces it to disk.
     *
     * @param record the record
     * @throws AuditFailedException if the sink is closed, if the spool is full, or if the record can be neither
     *     handed over nor spooled (the disk failed); the delegate's failure is then the cause or suppressed
     * @throws IllegalStateException if the record cannot be serialized as JSON (nothing is stored then)
     */
    @Override
    public void write(AuditRecord record) {
        byte[] line = (AuditJson.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            refuseIfClosed(record, null);
            if (spooled > 0) {
                spool(record, line, null);
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            delegate.write(record);
            return;
        } catch (RuntimeException refused) {
            lock.lock();
            try {
                refuseIfClosed(record, refused);
                spool(record, line, refused);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The records in the spool now, waiting for the delegate.
     *
     * @return zero when the delegate has every record
     */
    public long spooled() {
        lock.lock();
        try {
            return spooled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many records went to the spool since this sink opened.
     *
     * @return the count
     */
    public long spooledTotal() {
        return spooledTotal.get();
    }

    /**
     * How many spooled records the delegate accepted since this sink opened.
     *
     * @return the count
     */
    public long replayedTotal() {
        return replayedTotal.get();
    }

    /**
     * Stops the replay (after the record it is handing over, if any, waiting at most that long) and closes the
     * spool; records still in it stay on disk and are replayed when a spool opens on the directory again. The
     * delegate is not closed. Closing twice does nothing.
     *
     * @throws InterruptedException if interrupted while waiting for the replay to stop
     */
    @Override
    public void close() throws InterruptedException {
        long left;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            work.signalAll();
            left = spooled;
        } finally {
            lock.unlock();
        }
        replayer.join();
        if (left > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "audit spool {0} closed holding {1,number,#} records; they are replayed when it opens again",
                    directory.toAbsolutePath(),
                    left);
        }
        lock.lock();
        try {
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(replayed);
            closeQuietly(records);
            closeQuietly(lockChannel);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "spool " + directory.toAbsolutePath() + " in front of " + delegate;
    }

    // ---- under the lock ----

    private void refuseIfClosed(AuditRecord record, RuntimeException cause) {
        if (closed) {
            throw new AuditFailedException(
                    record.capability(),
                    "the audit spool " + directory.toAbsolutePath() + " is closed; record " + record.id() + " refused",
                    cause);
        }
    }

    private void spool(AuditRecord record, byte[] line, RuntimeException cause) {
        if (spooled >= maxRecords) {
            throw new AuditFailedException(
                    record.capability(),
                    "audit record " + record.id() + " refused: the spool " + directory.toAbsolutePath() + " holds "
                            + spooled + " records waiting for " + delegate
                            + ", its limit (steward.audit.spool.max-records)",
                    cause);
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            long at = appendedBytes;
            while (buffer.hasRemaining()) {
                at += records.write(buffer, at);
            }
            records.force(false);
        } catch (IOException e) {
            try {
                // a torn line must not stay behind the last whole record
                records.truncate(appendedBytes);
            } catch (IOException ignored) {
                // recovery on the next start drops a torn last line
            }
            AuditFailedException failed = new AuditFailedException(
                    record.capability(),
                    "audit record " + record.id() + " could not be spooled to " + directory.toAbsolutePath() + ": " + e,
                    e);
            if (cause != null) {
                failed.addSuppressed(cause);
            }
            throw failed;
        }
        appendedBytes += line.length;
        spooled++;
        spooledTotal.incrementAndGet();
        if (spooled == 1) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "audit records go to the spool {0} until {1} accepts them again{2}",
                    directory.toAbsolutePath(),
                    delegate,
                    cause == null ? "" : ": " + cause);
            work.signalAll();
        }
    }

    private void acknowledge(long next, int count) throws IOException {
        replayedBytes = next;
        spooled -= count;
        long before = replayedTotal.getAndAdd(count);
        if (spooled == 0) {
            // truncate before the offset is reset: a crash in between leaves an offset past the end, read as empty
            records.truncate(0);
            records.force(false);
            appendedBytes = 0;
            replayedBytes = 0;
        }
        ByteBuffer offset = ByteBuffer.allocate(Long.BYTES).putLong(0, replayedBytes);
        while (offset.hasRemaining()) {
            replayed.write(offset, offset.position());
        }
        // The offset survives a crash of the process once written; forcing it to survive a crash of the machine as
        // well is done every FORCE_OFFSET_EVERY records, as such a crash replays at most that many again, which the
        // delegate recognises by record id as it must for a write whose outcome was unknown.
        if (spooled == 0 || (before + count) / FORCE_OFFSET_EVERY > before / FORCE_OFFSET_EVERY) {
            replayed.force(false);
        }
    }

    // Reads the offset and the record file a previous run left: drops a torn last line, counts what is left.
    private void recover() throws IOException {
        long size = records.size();
        long offset = 0;
        if (replayed.size() >= Long.BYTES) {
            ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
            while (b.hasRemaining() && replayed.read(b, b.position()) >= 0) {
                // read all eight bytes
            }
            offset = b.getLong(0);
        }
        if (offset < 0 || offset >= size) {
            offset = 0;
            if (size > 0) {
                records.truncate(0);
                size = 0;
            }
        }
        long count = 0;
        long lastNewline = offset - 1;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (long at = offset; at < size; ) {
            chunk.clear();
            int n = records.read(chunk, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) == NEWLINE) {
                    count++;
                    lastNewline = at + i;
                }
            }
            at += n;
        }
        if (lastNewline + 1 < size) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "audit spool {0}: dropped a torn last line of {1,number,#} bytes (its write never returned)",
                    directory.toAbsolutePath(),
                    size - lastNewline - 1);
            records.truncate(lastNewline + 1);
            records.force(false);
        }
        appendedBytes = lastNewline + 1;
        replayedBytes = offset;
        spooled = count;
        if (count > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "audit spool {0} holds {1,number,#} records from a previous run; replaying them to {2}",
                    directory.toAbsolutePath(),
                    count,
                    delegate);
        }
    }

    // ---- the replay thread ----

    private void replay() {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        boolean failing = false;
        while (true) {
            long from;
            lock.lock();
            try {
                while (spooled == 0 && !closed) {
                    work.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                from = replayedBytes;
            } finally {
                lock.unlock();
            }
            try {
                List<AuditRecord> chunk = new ArrayList<>();
                long next = from;
                int most = delegate instanceof BatchAuditSink ? REPLAY_CHUNK : 1;
                for (long left = spooledNow(); chunk.size() < Math.min(most, left); ) {
                    buffer = readLine(next, buffer);
                    int length = buffer.remaining();
                    chunk.add(
                            AuditJson.read(StandardCharsets.UTF_8.decode(buffer).toString()));
                    next += length + 1;
                }
                if (delegate instanceof BatchAuditSink batch) {
                    batch.writeAll(chunk);
                } else {
                    delegate.write(chunk.get(0));
                }
                lock.lock();
                try {
                    acknowledge(next, chunk.size());
                    if (spooled == 0) {
                        LOG.log(
                                System.Logger.Level.INFO,
                                "audit spool {0} replayed to {1}; records go to it directly again",
                                directory.toAbsolutePath(),
                                delegate);
                    }
                } finally {
                    lock.unlock();
                }
                failing = false;
            } catch (IOException | UncheckedIOException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "cannot read or update the audit spool " + directory.toAbsolutePath() + "; retrying",
                        e);
                pause();
            } catch (RuntimeException e) {
                // the delegate is still down (or the record cannot be read back); offered again after the interval
                if (!failing) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "{0} refused a spooled audit record; retrying every {1}: {2}",
                            delegate,
                            Duration.ofNanos(retryNanos),
                            e.toString());
                }
                failing = true;
                pause();
            }
        }
    }

    private long spooledNow() {
        lock.lock();
        try {
            return spooled;
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            long left = retryNanos;
            while (left > 0 && !closed) {
                left = work.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    // The line starting at `from`, without its line break, in the returned buffer (grown when a line is longer).
    private ByteBuffer readLine(long from, ByteBuffer buffer) throws IOException {
        ByteBuffer b = buffer;
        b.clear();
        while (true) {
            int n = records.read(b, from + b.position());
            for (int i = 0; i < b.position(); i++) {
                if (b.get(i) == NEWLINE) {
                    b.limit(i);
                    b.position(0);
                    return b;
                }
            }
            if (n < 0) {
                throw new IOException("the spooled record at byte " + from + " has no line break");
            }
            if (!b.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2);
                b.flip();
                bigger.put(b);
                b = bigger;
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing is left to write through it
            }
        }
    }
}
