package io.dbopt.transaction;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.transaction.deadlock.DeadlockLog;
import io.dbopt.transaction.deadlock.DeadlockParsers;
import io.dbopt.transaction.server.OwnWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies lock conflicts and captures what caused them: the blocking tree of the current database (PostgreSQL
 * {@code pg_blocking_pids}, {@code pg_locks}, {@code pg_stat_activity}; MariaDB {@code information_schema.INNODB_TRX}
 * and {@code INNODB_LOCK_WAITS}), the deadlocks dbopt transactions fell victim to (PostgreSQL's error detail names
 * the cycle; on MariaDB the server's LATEST DETECTED DEADLOCK record is read), and the server's own latest deadlock.
 * Captured deadlocks are kept in memory (the last {@value #KEPT}) and, when configured, written to a table.
 *
 * <p>Obtain it from {@link TransactionManager#deadlockDetector()}. Thread-safe. Reading the server borrows one
 * connection per call and closes it; {@code SHOW ENGINE INNODB STATUS} needs the PROCESS privilege on MariaDB.
 */
public final class DeadlockDetector {

    /** How many captured deadlocks are kept in memory. */
    public static final int KEPT = 50;

    private static final Logger LOG = LoggerFactory.getLogger(DeadlockDetector.class);

    private final String poolName;
    private final DataSource dataSource;
    private final Supplier<Dialect> dialect;
    private final Duration queryTimeout;
    private final Clock clock;
    private final DeadlockLog log;
    private final Deque<DeadlockRecord> recent = new ArrayDeque<>();
    private final AtomicBoolean serverCaptureEnabled;

    DeadlockDetector(String poolName, DataSource dataSource, Supplier<Dialect> dialect, Duration queryTimeout,
                     Clock clock, Optional<String> logTable, boolean captureServerRecord) {
        this.poolName = poolName;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.queryTimeout = queryTimeout;
        this.clock = clock;
        this.log = logTable.map(DeadlockLog::new).orElse(null);
        this.serverCaptureEnabled = new AtomicBoolean(captureServerRecord);
    }

    /** The kind of a database error (see {@link SqlErrors#classify(Throwable)}). */
    public ErrorKind classify(Throwable error) {
        return SqlErrors.classify(error);
    }

    /** Whether the error made this session a deadlock victim. */
    public boolean isDeadlock(Throwable error) {
        return SqlErrors.classify(error) == ErrorKind.DEADLOCK;
    }

    /**
     * Who blocks whom in the current database right now.
     *
     * @throws TransactionException with {@link TransactionErrorCode#CAPTURE_FAILED} when the catalog cannot be read
     */
    public BlockingTree blockingTree() {
        return BlockingTree.of(TransactionMonitor.readServerTransactions(dataSource, dialect.get(), queryTimeout));
    }

    /**
     * The latest deadlock the server recorded: MariaDB keeps one server-wide ({@code SHOW ENGINE INNODB STATUS});
     * PostgreSQL keeps none (only a count and its log), so this is empty there.
     *
     * @throws TransactionException with {@link TransactionErrorCode#CAPTURE_FAILED} when it cannot be read, for
     *     example without the PROCESS privilege
     */
    public Optional<DeadlockRecord> latestServerDeadlock() {
        Dialect d = dialect.get();
        if (!(d instanceof MariaDbDialect)) {
            return Optional.empty();
        }
        try {
            return OwnWork.withConnection(dataSource, d, "reading SHOW ENGINE INNODB STATUS", queryTimeout,
                    c -> readInnoDb(c, d, queryTimeout));
        } catch (DbOptException e) {
            throw new TransactionException(TransactionErrorCode.CAPTURE_FAILED, "Cannot read the latest deadlock: "
                    + e.getMessage() + (e.errorKind().orElse(ErrorKind.OTHER) == ErrorKind.PERMISSION_DENIED
                    ? " (grant PROCESS to the user)" : ""), e);
        }
    }

    static Optional<DeadlockRecord> readInnoDb(Connection connection, Dialect dialect, Duration timeout)
            throws SQLException {
        List<String> status = Jdbc.query(connection, timeout, "SHOW ENGINE INNODB STATUS", rs -> rs.getString(3));
        List<Long> offset = Jdbc.query(connection, timeout, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())",
                rs -> rs.getLong(1));
        ZoneOffset zone = ZoneOffset.ofTotalSeconds((int) Math.round(offset.get(0) / 900.0) * 900);
        return status.isEmpty() ? Optional.empty() : DeadlockParsers.innoDb(status.get(0), zone, true);
    }

    /**
     * Deadlocks detected in the current database (PostgreSQL {@code pg_stat_database.deadlocks}, since statistics
     * were reset) or on the whole server (MariaDB {@code Innodb_deadlocks}, since it started).
     *
     * @throws TransactionException with {@link TransactionErrorCode#CAPTURE_FAILED} when it cannot be read
     */
    public long serverDeadlockCount() {
        Dialect d = dialect.get();
        try {
            return OwnWork.withConnection(dataSource, d, "reading the deadlock count", queryTimeout,
                    c -> Jdbc.query(c, queryTimeout,
                    SqlResource.load("transaction", d, "deadlock-count"), rs -> rs.getLong(1))
                    .stream().findFirst().orElse(0L));
        } catch (DbOptException e) {
            throw new TransactionException(TransactionErrorCode.CAPTURE_FAILED, "Cannot read the deadlock count: "
                    + e.getMessage(), e);
        }
    }

    /** The deadlocks captured so far, newest first (at most {@value #KEPT}). */
    public List<DeadlockRecord> recentDeadlocks() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** The table captured deadlocks are written to, if one was configured. */
    public Optional<String> logTable() {
        return Optional.ofNullable(log).map(DeadlockLog::table);
    }

    /**
     * Reads the server's latest deadlock and, when it was not captured before, keeps it and writes it to the log
     * table: call it on a schedule to log every deadlock like pt-deadlock-logger does. Empty on PostgreSQL.
     *
     * @return the record when it is new
     * @throws TransactionException with {@link TransactionErrorCode#CAPTURE_FAILED} when it cannot be read or written
     */
    public Optional<DeadlockRecord> captureLatest() {
        Optional<DeadlockRecord> latest = latestServerDeadlock();
        if (latest.isEmpty() || !keepIfNew(latest.get())) {
            return Optional.empty();
        }
        persist(latest.get());
        return latest;
    }

    /**
     * Called by the manager when one of its transactions was a deadlock victim; never throws: capture is best effort,
     * and a text dbopt cannot read or a table it cannot write must not fail the victim's retry.
     */
    void victim(String transactionName, Throwable error, Optional<String> sessionId) {
        try {
            capture(transactionName, error, sessionId);
        } catch (RuntimeException e) {
            LOG.warn("{} - could not capture the deadlock of transaction {}: {}", poolName, transactionName,
                    e.toString(), e);
        }
    }

    private void capture(String transactionName, Throwable error, Optional<String> sessionId) {
        Dialect d = dialect.get();
        Optional<DeadlockRecord> record;
        if (d instanceof MariaDbDialect) {
            record = serverRecordForVictim(transactionName);
        } else {
            List<DeadlockRecord.Participant> participants = DeadlockParsers.postgres(message(error), sessionId);
            record = Optional.of(new DeadlockRecord(clock.instant(), DeadlockRecord.Source.CLIENT,
                    Optional.of(transactionName), participants));
        }
        record.ifPresent(r -> {
            if (keepIfNew(r)) {
                LOG.info("{} - transaction {} was a deadlock victim: {}", poolName, transactionName, r.summary());
                persist(r);
            }
        });
    }

    private Optional<DeadlockRecord> serverRecordForVictim(String transactionName) {
        if (!serverCaptureEnabled.get()) {
            return Optional.empty();
        }
        try {
            return latestServerDeadlock().map(r -> new DeadlockRecord(r.detectedAt(), r.source(),
                    Optional.of(transactionName), r.participants()));
        } catch (TransactionException e) {
            if (e.errorKind().orElse(ErrorKind.OTHER) == ErrorKind.PERMISSION_DENIED) {
                serverCaptureEnabled.set(false);
                LOG.warn("{} - deadlock details are not captured: {}", poolName, e.getMessage());
            } else {
                LOG.warn("{} - could not capture the deadlock of transaction {}: {}", poolName, transactionName,
                        e.getMessage(), e);
            }
            return Optional.empty();
        }
    }

    private static String message(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SqlErrors.classify(sql) == ErrorKind.DEADLOCK) {
                return sql.getMessage();
            }
        }
        return "";
    }

    private boolean keepIfNew(DeadlockRecord record) {
        synchronized (recent) {
            for (DeadlockRecord r : recent) {
                if (r.source() == DeadlockRecord.Source.SERVER && record.source() == DeadlockRecord.Source.SERVER
                        && r.detectedAt().equals(record.detectedAt())
                        && r.participants().equals(record.participants())) {
                    return false;
                }
            }
            recent.addFirst(record);
            while (recent.size() > KEPT) {
                recent.removeLast();
            }
            return true;
        }
    }

    private void persist(DeadlockRecord record) {
        if (log == null) {
            return;
        }
        Dialect d = dialect.get();
        try {
            OwnWork.withConnection(dataSource, d, "writing a deadlock record to " + log.table(), queryTimeout,
                    c -> {
                        log.write(c, d, record, queryTimeout);
                        if (!c.getAutoCommit()) {
                            c.commit();
                        }
                        return null;
                    });
        } catch (DbOptException e) {
            throw new TransactionException(TransactionErrorCode.CAPTURE_FAILED, "Cannot write the deadlock record to "
                    + "table " + log.table() + ": " + e.getMessage(), e);
        }
    }
}
