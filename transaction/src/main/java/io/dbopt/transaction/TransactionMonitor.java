package io.dbopt.transaction;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.transaction.monitor.TransactionMeters;
import io.dbopt.transaction.server.MetadataLockWaits;
import io.dbopt.transaction.server.OwnWork;
import io.dbopt.transaction.server.ReportedSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Watches transactions: an in-process registry of the ones a {@link TransactionManager} is running (with their age),
 * counts of outcomes ({@link #stats()}), and the server's view of the current database's open transactions and lock
 * waits ({@link #serverTransactions()}). Obtain it from {@link TransactionManager#monitor()}. Thread-safe; the
 * server methods borrow one connection each and close it.
 */
public final class TransactionMonitor {

    /** In-process transactions open longer than this are reported by {@link #findings(Duration)} by default. */
    public static final Duration DEFAULT_LONG_RUNNING = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Supplier<Dialect> dialect;
    private final Duration queryTimeout;
    private final Clock clock;
    private final Map<Long, OpenTransaction> open = new ConcurrentHashMap<>();
    private final TransactionMeters metrics;

    TransactionMonitor(DataSource dataSource, Supplier<Dialect> dialect, Duration queryTimeout, Clock clock,
                       java.util.function.Function<Supplier<Number>, TransactionMeters> metrics) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.queryTimeout = queryTimeout;
        this.clock = clock;
        this.metrics = metrics.apply(open::size);
    }

    TransactionMeters metrics() {
        return metrics;
    }

    void opened(OpenTransaction transaction) {
        open.put(transaction.id(), transaction);
    }

    void closed(long id) {
        open.remove(id);
    }

    /** The transactions running in this process now, oldest first. */
    public List<OpenTransaction> openTransactions() {
        List<OpenTransaction> list = new ArrayList<>(open.values());
        list.sort(Comparator.comparing(OpenTransaction::startedAt).thenComparingLong(OpenTransaction::id));
        return List.copyOf(list);
    }

    /** The transactions running in this process that have been open longer than {@code threshold}, oldest first. */
    public List<OpenTransaction> openLongerThan(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        Instant now = clock.instant();
        return openTransactions().stream().filter(t -> t.age(now).compareTo(threshold) > 0).toList();
    }

    /** Counts of commits, rollbacks, retries and failures so far. */
    public TransactionStats stats() {
        return metrics.snapshot();
    }

    /**
     * The sessions of the current database that have a transaction open, wait for a lock or block one that waits,
     * oldest transaction first, as the server reports them; queries are shown with literals masked.
     *
     * @throws TransactionException with {@link TransactionErrorCode#CAPTURE_FAILED} when the catalog cannot be read
     */
    public List<ServerTransaction> serverTransactions() {
        return readServerTransactions(dataSource, dialect.get(), queryTimeout);
    }

    /** The server transactions open longer than {@code threshold}; see {@link #serverTransactions()}. */
    public List<ServerTransaction> serverTransactions(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        return serverTransactions().stream().filter(t -> t.transactionAge().compareTo(threshold) > 0).toList();
    }

    static List<ServerTransaction> readServerTransactions(DataSource dataSource, Dialect dialect, Duration timeout) {
        try {
            return OwnWork.withConnection(dataSource, dialect, "reading open transactions", timeout,
                    c -> readServerTransactions(c, dialect, timeout));
        } catch (DbOptException e) {
            throw new TransactionException(TransactionErrorCode.CAPTURE_FAILED, "Cannot read the open transactions "
                    + "of the database: " + e.getMessage(), e);
        }
    }

    static List<ServerTransaction> readServerTransactions(Connection connection, Dialect dialect, Duration timeout)
            throws SQLException {
        boolean mariaDb = dialect instanceof MariaDbDialect;
        List<ServerTransaction> open = Jdbc.query(connection, timeout,
                SqlResource.load("transaction", dialect, "transactions"),
                rs -> new ServerTransaction(rs.getString("session_id"), rs.getString("user_name"),
                        rs.getString("application"), rs.getString("state"),
                        seconds(rs.getDouble("transaction_seconds")), seconds(rs.getDouble("state_seconds")),
                        ids(rs.getString("blocked_by")), rs.getString("waiting_for"),
                        ReportedSql.mask(rs.getString("query"), mariaDb)));
        // PostgreSQL's pg_blocking_pids covers every lock; InnoDB's views miss metadata locks
        return mariaDb ? MetadataLockWaits.merge(connection, open, timeout) : open;
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.max(0, Math.round(value * 1000)));
    }

    private static List<String> ids(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Findings about this process's transactions: {@code transaction.open-too-long} for transactions open longer
     * than {@code threshold}, {@code transaction.retries-exhausted} and {@code transaction.commit-outcome-unknown}
     * when such failures happened.
     */
    public List<Finding> findings(Duration threshold) {
        List<Finding> findings = new ArrayList<>();
        Instant now = clock.instant();
        for (OpenTransaction t : openLongerThan(threshold)) {
            findings.add(Finding.builder("transaction.open-too-long", Severity.WARNING)
                    .object(DbObject.of(ObjectType.TRANSACTION, t.name()))
                    .message("Transaction " + t.name() + " has been open for " + t.age(now).toSeconds()
                            + " s in thread " + t.thread() + ": it holds its locks and its snapshot all that time")
                    .evidence("age_ms", t.age(now).toMillis()).evidence("attempt", t.attempt())
                    .fix(Fix.advice("keep non-database work (HTTP calls, file I/O) outside the transaction"))
                    .build());
        }
        TransactionStats stats = stats();
        if (stats.retriesExhausted() > 0) {
            findings.add(Finding.builder("transaction.retries-exhausted", Severity.ERROR)
                    .object(DbObject.of(ObjectType.TRANSACTION, "all"))
                    .message(stats.retriesExhausted() + " transaction(s) failed after every retry: contention is "
                            + "higher than the retry policy absorbs")
                    .evidence("retries_exhausted", stats.retriesExhausted())
                    .evidence("retries", stats.totalRetries()).evidence("commits", stats.commits())
                    .fix(Fix.advice("take locks in a consistent order, shorten transactions, or partition hot rows"))
                    .build());
        }
        if (stats.outcomeUnknown() > 0) {
            findings.add(Finding.builder("transaction.commit-outcome-unknown", Severity.WARNING)
                    .object(DbObject.of(ObjectType.TRANSACTION, "all"))
                    .message(stats.outcomeUnknown() + " COMMIT(s) were cut off by a lost connection; their outcome "
                            + "is unknown to the application")
                    .evidence("outcome_unknown", stats.outcomeUnknown())
                    .fix(Fix.advice("give such writes an idempotency key so that they can be checked and re-run"))
                    .build());
        }
        return List.copyOf(findings);
    }
}
