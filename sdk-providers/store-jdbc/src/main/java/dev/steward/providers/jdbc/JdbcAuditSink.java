package dev.steward.providers.jdbc;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.audit.AuditChain;
import dev.steward.core.audit.AuditJson;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditTrail;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.audit.BatchAuditSink;
import dev.steward.core.audit.VerifiableAuditLog;
import dev.steward.providers.jdbc.internal.Connections;
import dev.steward.providers.jdbc.internal.Schema;
import dev.steward.providers.jdbc.internal.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log in a database table, as one tamper-evident chain ({@link AuditChain}) even when several JVMs write
 * to the same database.
 *
 * <p>What {@link #write} guarantees: when it returns normally, the record has been committed to the database. Callers
 * that write while a batch is being committed join the next batch (group commit): one writer thread per sink takes
 * every waiting record and appends them in one transaction, which first locks the chain-head row ({@code SELECT ...
 * FOR UPDATE} on {@code <prefix>audit_head}), numbers and hashes the records after the head, inserts them and moves
 * the head. Because every node's append holds that row lock, appends from all nodes are serialized into one chain.
 * A caller never waits longer than the write timeout: when its record is not committed by then (the database is
 * slow, unreachable or the head row is locked), {@link #write} throws {@link AuditFailedException} and the call
 * fails closed. Nothing is dropped silently: such a record stays queued and is committed when the database
 * recovers (a failed batch is retried every second; after an unclear commit, records already stored are not stored
 * twice).
 *
 * <p>Every {@code checkpoint-every} records, and on {@link #close()}, the sink logs the chain head (sequence and
 * hash) at INFO, so that a log collector keeps checkpoints outside the database for {@link #verify}.
 *
 * <p>Thread-safe: the queue and batch state are guarded by one lock; the database is written only by the writer
 * thread.
 */
public final class JdbcAuditSink implements AuditSink, BatchAuditSink, AuditTrail, VerifiableAuditLog, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JdbcAuditSink.class.getName());
    private static final int ROWS_PER_STATEMENT_BATCH = 500;
    // the longest the writer waits for the callers of the last batch to come back before committing without them
    private static final long MAX_GATHER_NANOS = 2_000_000;

    /** Records accepted together and committed in one transaction. Fields are guarded by {@link #lock}. */
    private final class Batch {
        final List<AuditRecord> records = new ArrayList<>();
        final List<String> json = new ArrayList<>();
        // the canonical JSON the chain hashes, serialized by the callers so that the writer only digests
        final List<String> canonical = new ArrayList<>();
        final Condition committed = lock.newCondition();
        boolean done;
    }

    private final Connections connections;
    private final Schema schema;
    private final Duration writeTimeout;
    private final long writeTimeoutNanos;
    private final int queryTimeoutSeconds;
    private final int capacity;
    private final long checkpointEvery;
    private final Thread writer;
    private final String insertSql;
    private final String lockHeadSql;
    private final String moveHeadSql;

    // One lock guards open, pending and closed; the writer holds it only to swap batches and mark one committed.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private Batch open = new Batch();
    private int pending;
    private boolean closed;
    // group commit sizing, guarded by lock: the last committed batch's size and commit time, and while the writer
    // gathers, the size at which the open batch wakes it (0 when it is not gathering)
    private int lastBatchSize;
    private long lastCommitNanos;
    private int gatherTarget;
    // appends that failed and were retried; the head-row lock keeps this at 0 under contention between nodes
    private final java.util.concurrent.atomic.AtomicLong failedAppends = new java.util.concurrent.atomic.AtomicLong();
    // written by the writer thread only, read by close() after the writer stopped
    private volatile AuditVerifier.Checkpoint lastHead;

    JdbcAuditSink(Connections connections, Schema schema, Duration writeTimeout, int capacity, long checkpointEvery) {
        if (writeTimeout.isZero() || writeTimeout.isNegative()) {
            throw new IllegalArgumentException("write timeout must be positive, was " + writeTimeout);
        }
        this.connections = Objects.requireNonNull(connections, "connections");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.writeTimeout = writeTimeout;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, writeTimeout.toSeconds() + 1));
        this.capacity = capacity;
        this.checkpointEvery = checkpointEvery;
        String audit = schema.table("audit");
        String head = schema.table("audit_head");
        this.insertSql = "INSERT INTO " + audit
                + " (seq, id, ts, capability, principal, tenant, outcome, approval_id, prev_hash, hash, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.lockHeadSql = "SELECT seq, hash FROM " + head + " WHERE id = 1 FOR UPDATE";
        this.moveHeadSql = "UPDATE " + head + " SET seq = ?, hash = ? WHERE id = 1";
        this.writer = new Thread(this::drain, "steward-audit-jdbc");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Stores one record and returns once the transaction holding it has committed.
     *
     * @param record the record
     * @throws AuditFailedException if the sink is closed, if the record is not committed within the write timeout
     *     (it then stays queued and is committed if the database recovers), or if the calling thread is interrupted
     *     while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if the record cannot be serialized as JSON (nothing is queued then)
     */
    @Override
    public void write(AuditRecord record) {
        String json = AuditJson.write(record);
        // serialized on the caller's thread: a record without a canonical form is refused here, and the writer,
        // which every append waits for, is left only the digest
        String canonical = AuditChain.canonical(record);
        long deadline = System.nanoTime() + writeTimeoutNanos;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new AuditFailedException(
                            record.capability(),
                            "the JDBC audit sink is closed; record " + record.id() + " refused",
                            null);
                }
                if (pending < capacity) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            record.capability(),
                            "audit record " + record.id() + " refused: " + pending
                                    + " records are waiting for the database and none was committed within "
                                    + writeTimeout,
                            null);
                }
                progress.awaitNanos(left);
            }
            Batch mine = open;
            mine.records.add(record);
            mine.json.add(json);
            mine.canonical.add(canonical);
            pending++;
            if (mine.records.size() == 1 || mine.records.size() == gatherTarget) {
                work.signal();
            }
            while (!mine.done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            record.capability(),
                            "audit record " + record.id() + " was not committed within " + writeTimeout
                                    + "; it stays queued and is committed if the database recovers",
                            null);
                }
                mine.committed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailedException(
                    record.capability(), "interrupted while waiting for audit record " + record.id(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores the records in their order, in the transaction of one batch, and returns once it has committed: how a
     * spool replays a backlog in one commit instead of one per record. A record already stored (the same id) is not
     * stored again.
     *
     * @param records the records, oldest first
     * @throws AuditFailedException if the sink is closed, or if the records are not committed within the write
     *     timeout (they then stay queued and are committed if the database recovers), or if the calling thread is
     *     interrupted while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if a record cannot be serialized as JSON (nothing is queued then)
     */
    @Override
    public void writeAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<String> json = new ArrayList<>(records.size());
        List<String> canonical = new ArrayList<>(records.size());
        for (AuditRecord r : records) {
            json.add(AuditJson.write(r));
            canonical.add(AuditChain.canonical(r));
        }
        String capability = records.get(0).capability();
        long deadline = System.nanoTime() + writeTimeoutNanos;
        lock.lock();
        try {
            // a chunk larger than the free room waits until the queue is empty, so that it is never refused for good
            while (!closed && pending > 0 && pending + records.size() > capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            capability,
                            records.size() + " audit records refused: " + pending
                                    + " records are waiting for the database and none was committed within "
                                    + writeTimeout,
                            null);
                }
                progress.awaitNanos(left);
            }
            if (closed) {
                throw new AuditFailedException(
                        capability, "the JDBC audit sink is closed; " + records.size() + " records refused", null);
            }
            Batch mine = open;
            boolean wasEmpty = mine.records.isEmpty();
            mine.records.addAll(records);
            mine.json.addAll(json);
            mine.canonical.addAll(canonical);
            pending += records.size();
            if (wasEmpty) {
                work.signal();
            }
            while (!mine.done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditFailedException(
                            capability,
                            records.size() + " audit records were not committed within " + writeTimeout
                                    + "; they stay queued and are committed if the database recovers",
                            null);
                }
                mine.committed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailedException(capability, "interrupted while waiting for audit records", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The records that match, newest first, read with the indexed columns.
     *
     * @param query the filter
     * @return at most {@code query.limit()} records
     * @throws IllegalStateException if the database cannot be read
     */
    @Override
    public List<AuditRecord> search(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT record FROM " + schema.table("audit") + " WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (query.capability() != null) {
            sql.append(" AND capability = ?");
            args.add(query.capability());
        }
        if (query.principal() != null) {
            sql.append(" AND principal = ?");
            args.add(query.principal());
        }
        if (query.from() != null) {
            sql.append(" AND ts >= ?");
            args.add(Times.format(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND ts < ?");
            args.add(Times.format(query.to()));
        }
        sql.append(" ORDER BY seq DESC");
        try {
            return connections.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setString(i + 1, args.get(i));
                    }
                    ps.setMaxRows(query.limit());
                    List<AuditRecord> found = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(AuditJson.read(rs.getString(1)));
                        }
                    }
                    return found;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the audit table " + schema.table("audit"), e);
        }
    }

    /**
     * Verifies the whole log, streaming its rows in sequence order: every record must chain to its predecessor and
     * hash to what its row claims, its indexed columns must agree with the hashed record, the log must reach the
     * chain-head row's sequence with the same hash (a cut tail whose head was left alone), and the checkpoint if
     * given (a cut tail whose head was rewritten as well).
     *
     * @param checkpoint a checkpoint kept outside the database, such as one this sink logged
     * @return the result; a bad log is a result, not an exception
     * @throws IllegalStateException if the database cannot be read
     */
    @Override
    public AuditVerifier.Result verify(Optional<AuditVerifier.Checkpoint> checkpoint) {
        try {
            return connections.inTransaction(c -> {
                AuditVerifier.Checkpoint head = readHead(c);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, id, ts, capability, principal, tenant, outcome, approval_id, prev_hash, hash,"
                                + " record FROM " + schema.table("audit") + " ORDER BY seq")) {
                    ps.setFetchSize(500);
                    try (ResultSet rs = ps.executeQuery()) {
                        Rows rows = new Rows(rs, head == null ? 0 : head.sequence());
                        AuditVerifier.Result result;
                        try {
                            result = AuditVerifier.verify(rows, checkpoint);
                        } catch (ColumnMismatch e) {
                            return new AuditVerifier.Result(
                                    false, e.position - 1, e.position, e.getMessage(), rows.verifiedHead);
                        }
                        if (!result.valid() || head == null) {
                            return result;
                        }
                        if (result.records() < head.sequence()) {
                            return new AuditVerifier.Result(
                                    false,
                                    result.records(),
                                    result.records() + 1,
                                    "the log ends at record " + result.records() + " but its chain head says record "
                                            + head.sequence() + ": its tail was cut off",
                                    result.head());
                        }
                        if (!head.hash().equals(rows.hashAtHead)) {
                            return new AuditVerifier.Result(
                                    false,
                                    head.sequence() - 1,
                                    head.sequence(),
                                    "record " + head.sequence() + " differs from the chain head's hash:"
                                            + " the log was rewritten from there on",
                                    result.head());
                        }
                        return result;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit table " + schema.table("audit"), e);
        }
    }

    /**
     * The chain head as the database holds it now.
     *
     * @return the last record's sequence and hash, or empty for an empty log
     * @throws IllegalStateException if the database cannot be read
     */
    public Optional<AuditVerifier.Checkpoint> head() {
        try {
            return Optional.ofNullable(connections.autoCommit(this::readHead));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + schema.table("audit_head"), e);
        }
    }

    /**
     * Refuses further records, waits at most the write timeout for the queued ones to be committed, logs the chain
     * head and stops the writer thread.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AuditFailedException if queued records were still uncommitted when the wait ended
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + writeTimeoutNanos;
        int unwritten;
        lock.lock();
        try {
            if (closed && !writer.isAlive()) {
                return;
            }
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
        writer.join(Math.max(1000, writeTimeout.toMillis()));
        AuditVerifier.Checkpoint head = lastHead;
        if (head != null) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "audit checkpoint {0}: sequence {1,number,#} hash {2} (sink closed)",
                    schema.table("audit"),
                    head.sequence(),
                    head.hash());
        }
        if (unwritten > 0) {
            String message = unwritten + " audit records were not committed to " + schema.table("audit") + " within "
                    + writeTimeout + " when the sink closed";
            LOG.log(System.Logger.Level.ERROR, message);
            throw new AuditFailedException(null, message, null);
        }
    }

    private AuditVerifier.Checkpoint readHead(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT seq, hash FROM " + schema.table("audit_head") + " WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException(schema.table("audit_head") + " has no row; apply the schema script again");
            }
            long seq = rs.getLong(1);
            return seq == 0 ? null : new AuditVerifier.Checkpoint(seq, rs.getString(2));
        }
    }

    private void drain() {
        Batch batch;
        while ((batch = next()) != null) {
            long started = System.nanoTime();
            if (!appendUntilDone(batch)) {
                return;
            }
            long took = System.nanoTime() - started;
            lock.lock();
            try {
                lastBatchSize = batch.records.size();
                lastCommitNanos = took;
                batch.done = true;
                pending -= batch.records.size();
                batch.committed.signalAll();
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    // The open batch, swapped for a fresh one; null once closed with nothing left.
    private Batch next() {
        lock.lock();
        try {
            while (open.records.isEmpty()) {
                if (closed) {
                    return null;
                }
                work.awaitUninterruptibly();
            }
            gather();
            Batch taken = open;
            open = new Batch();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    // The callers that the last commit released come back within microseconds with their next records. Taken at once,
    // the batch would hold only the first of them, the rest would wait a whole commit for the next one, and the
    // callers would settle into two cohorts that commit in turn, each waiting for the other's commit. So the writer
    // waits until the open batch is as large as the last one, but never longer than half the last commit took (nor
    // MAX_GATHER_NANOS): a lone caller's batch of one is taken at once, and callers that do not come back cost at
    // most that wait. Called with the lock held.
    private void gather() {
        long wait = Math.min(MAX_GATHER_NANOS, lastCommitNanos / 2);
        if (open.records.size() >= lastBatchSize || wait <= 0) {
            return;
        }
        long deadline = System.nanoTime() + wait;
        gatherTarget = lastBatchSize;
        try {
            while (open.records.size() < lastBatchSize && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                work.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // close() interrupts the writer to end a retry pause; the batch is committed all the same
            Thread.currentThread().interrupt();
        } finally {
            gatherTarget = 0;
        }
    }

    // True once the batch is committed; false if the sink was closed while the database kept failing.
    private boolean appendUntilDone(Batch batch) {
        boolean retry = false;
        while (true) {
            try {
                boolean skipStored = retry;
                connections.inTransaction(c -> {
                    append(c, batch, skipStored);
                    return null;
                });
                return true;
            } catch (SQLException | RuntimeException e) {
                if (!retry && e instanceof SQLException sql && isDuplicate(sql)) {
                    // a record offered again (a spool replaying one whose write timed out) is stored: skip it at once
                    retry = true;
                    continue;
                }
                LOG.log(
                        System.Logger.Level.ERROR,
                        "cannot append " + batch.records.size() + " audit records to " + schema.table("audit")
                                + "; retrying",
                        e);
                retry = true;
                failedAppends.incrementAndGet();
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
            }
        }
    }

    private void append(Connection c, Batch batch, boolean skipStored) throws SQLException {
        long seq;
        String hash;
        try (PreparedStatement ps = c.prepareStatement(lockHeadSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException(schema.table("audit_head") + " has no row; apply the schema script again");
                }
                seq = rs.getLong(1);
                hash = rs.getString(2);
            }
        }
        // After a commit whose outcome was unclear, the records it stored are not stored again.
        Set<String> stored = skipStored ? storedIds(c, batch.records) : Set.of();
        // A record offered twice (a spool replaying one whose first write timed out) is stored once.
        Set<String> inBatch = new HashSet<>();
        long startSeq = seq;
        AuditChain.Link previous = null;
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            int rows = 0;
            for (int i = 0; i < batch.records.size(); i++) {
                AuditRecord r = batch.records.get(i);
                if (stored.contains(r.id()) || !inBatch.add(r.id())) {
                    continue;
                }
                seq++;
                String prev = previous == null ? hash : previous.hash();
                AuditChain.Link link =
                        new AuditChain.Link(seq, prev, AuditChain.hash(seq, prev, batch.canonical.get(i)), r);
                previous = link;
                ps.setLong(1, seq);
                ps.setString(2, r.id());
                ps.setString(3, Times.format(r.timestamp()));
                ps.setString(4, r.capability());
                ps.setString(5, r.principal());
                ps.setString(6, r.tenant());
                ps.setString(7, r.outcome().name());
                ps.setString(8, r.approvalId());
                ps.setString(9, link.previousHash());
                ps.setString(10, link.hash());
                ps.setString(11, batch.json.get(i));
                ps.addBatch();
                if (++rows % ROWS_PER_STATEMENT_BATCH == 0) {
                    ps.executeBatch();
                }
            }
            if (rows % ROWS_PER_STATEMENT_BATCH != 0) {
                ps.executeBatch();
            }
        }
        if (previous == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(moveHeadSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, previous.sequence());
            ps.setString(2, previous.hash());
            ps.executeUpdate();
        }
        lastHead = new AuditVerifier.Checkpoint(previous.sequence(), previous.hash());
        if (checkpointEvery > 0 && previous.sequence() / checkpointEvery > startSeq / checkpointEvery) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "audit checkpoint {0}: sequence {1,number,#} hash {2}",
                    schema.table("audit"),
                    previous.sequence(),
                    previous.hash());
        }
    }

    private Set<String> storedIds(Connection c, List<AuditRecord> records) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + schema.table("audit") + " WHERE id = ?")) {
            for (AuditRecord r : records) {
                ps.setString(1, r.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored.add(r.id());
                    }
                }
            }
        }
        return stored;
    }

    private static boolean isDuplicate(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (Connections.isConstraintViolation(x)) {
                return true;
            }
        }
        return false;
    }

    /** How many append transactions failed and were retried since the sink started. */
    long failedAppends() {
        return failedAppends.get();
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** A row whose indexed columns disagree with its hashed record. */
    private static final class ColumnMismatch extends RuntimeException {
        final long position;

        ColumnMismatch(long position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    // Streams the rows as chain links, checking each row's indexed columns against its record as it goes.
    private static final class Rows implements Iterator<AuditChain.Link> {
        private final ResultSet rs;
        private final long headSequence;
        private Boolean hasNext;
        private long position;
        private AuditChain.Link lastReturned;
        String hashAtHead;
        AuditVerifier.Checkpoint verifiedHead;

        Rows(ResultSet rs, long headSequence) {
            this.rs = rs;
            this.headSequence = headSequence;
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the next audit row", e);
                }
            }
            return hasNext;
        }

        @Override
        public AuditChain.Link next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            if (lastReturned != null) {
                // the verifier asks for the next link only after accepting this one
                verifiedHead = new AuditVerifier.Checkpoint(position, lastReturned.hash());
            }
            position++;
            try {
                long seq = rs.getLong(1);
                AuditRecord r;
                try {
                    r = AuditJson.read(rs.getString(11));
                } catch (IllegalArgumentException e) {
                    throw new ColumnMismatch(
                            position, "record " + position + " cannot be read as an audit record: it was changed");
                }
                mismatch("id", rs.getString(2), r.id());
                mismatch("ts", rs.getString(3), Times.format(r.timestamp()));
                mismatch("capability", rs.getString(4), r.capability());
                mismatch("principal", rs.getString(5), r.principal());
                mismatch("tenant", rs.getString(6), r.tenant());
                mismatch("outcome", rs.getString(7), r.outcome().name());
                mismatch("approval_id", rs.getString(8), r.approvalId());
                AuditChain.Link link = new AuditChain.Link(seq, rs.getString(9), rs.getString(10), r);
                if (seq == headSequence) {
                    hashAtHead = link.hash();
                }
                lastReturned = link;
                return link;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read audit row " + position, e);
            }
        }

        private void mismatch(String column, String stored, String hashed) {
            if (!Objects.equals(stored, hashed)) {
                throw new ColumnMismatch(
                        position,
                        "record " + position + " has " + column + " '" + stored + "' but its hashed record says '"
                                + hashed + "': it was changed");
            }
        }
    }
}
