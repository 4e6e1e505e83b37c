package io.dbopt.transaction.engine;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.transaction.OpenTransaction;
import io.dbopt.transaction.Transaction;
import io.dbopt.transaction.TransactionCallback;
import io.dbopt.transaction.TransactionErrorCode;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.TransactionTrace;
import io.dbopt.transaction.jdbc.GuardedConnection;
import io.dbopt.transaction.server.ServerSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a transaction on one borrowed connection: switch auto-commit off, apply the options, run the work
 * on a guarded connection, commit or roll back, and restore the connection before closing it. When restoring fails,
 * the connection is aborted so that no setting or tenant reaches its next user. Used once, by one thread.
 */
final class AttemptRun<T> {

    private static final String IN_FAILED_TRANSACTION = "25P02";

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRun.class);

    private final String label;
    private final DataSource dataSource;
    private final TransactionRunner.ManagerContext context;
    private final Plan plan;
    private final TransactionCallback<T> work;
    private final int attempt;
    private final long id;
    private final Instant startedAt;

    private Connection connection;
    private boolean autoCommitChanged;
    private ServerSupport.Restore restore = ServerSupport.Restore.NONE;
    private boolean broken;
    private Optional<String> sessionId = Optional.empty();

    AttemptRun(String label, DataSource dataSource, TransactionRunner.ManagerContext context, Plan plan,
               TransactionCallback<T> work, int attempt, long id, Instant startedAt) {
        this.label = label;
        this.dataSource = dataSource;
        this.context = context;
        this.plan = plan;
        this.work = work;
        this.attempt = attempt;
        this.id = id;
        this.startedAt = startedAt;
    }

    TransactionRunner.Attempt<T> run() {
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            return failed(Failure.of(e, TransactionErrorCode.CONNECTION_FAILED, sessionId));
        }
        context.opened(new OpenTransaction(id, plan.name(), plan.isolation(), plan.tenant().isPresent(),
                attempt, Thread.currentThread().getName(), startedAt));
        TransactionRunner.Attempt<T> result;
        try {
            result = attempt(context);
        } catch (RuntimeException | Error e) {
            broken = true; // something unexpected: do not hand this connection to anyone else
            cleanup(e);
            throw e;
        } finally {
            context.closed(id);
        }
        cleanup(result.failure() == null ? null : result.failure().error());
        return result;
    }

    private TransactionRunner.Attempt<T> attempt(TransactionRunner.ManagerContext context) {
        try {
            context.dialect(connection);
        } catch (SQLException | RuntimeException e) {
            return failed(Failure.of(e, TransactionErrorCode.CONNECTION_FAILED, sessionId));
        }
        ServerSupport support = context.support();
        AttemptState state = new AttemptState(support.errorsAbortTransaction(), context.advisor().isPresent());
        AttemptTransaction tx;
        try {
            if (!connection.getAutoCommit() && support.hasOpenTransaction(connection)) {
                return failed(new Failure(ErrorKind.OTHER, new TransactionException(
                        TransactionErrorCode.OUTER_TRANSACTION_ON_CONNECTION, "The connection for transaction '"
                        + plan.name() + "' already has an open transaction that dbopt did not start: dbopt cannot "
                        + "commit, roll back or retry someone else's transaction. Run it outside the outer "
                        + "transaction, or let the TransactionManager start the outer one"),
                        TransactionErrorCode.OUTER_TRANSACTION_ON_CONNECTION, false, false, false, sessionId));
            }
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                autoCommitChanged = true;
            }
            sessionId = support.sessionId(connection);
            restore = support.begin(connection, plan.isolation(), plan.options(), plan.tenant());
            tx = new AttemptTransaction(GuardedConnection.wrap(connection, state), plan.name(), plan.isolation(),
                    plan.options().isReadOnly(), plan.tenant(), attempt, context.dialect(), state);
        } catch (SQLException e) {
            return rolledBack(Failure.of(e, TransactionErrorCode.TRANSACTION_FAILED, sessionId), state);
        }

        T value;
        ActiveTransactions.enter(dataSource, new ActiveTransactions.Frame(tx, plan));
        try {
            value = work.execute(tx);
        } catch (Throwable e) {
            return rolledBack(workFailed(e, state), state);
        } finally {
            ActiveTransactions.leave(dataSource);
        }
        return finish(tx, state, value, context);
    }

    /**
     * The failure behind an exception from the work. On PostgreSQL, "current transaction is aborted" (25P02) only
     * echoes an earlier error the work caught; that earlier error is the one reported (and decides the retry).
     */
    private Failure workFailed(Throwable e, AttemptState state) {
        Optional<Throwable> earlier = state.doom();
        if (earlier.isPresent() && earlier.get() != e
                && SqlErrors.sqlState(e).filter(IN_FAILED_TRANSACTION::equals).isPresent()) {
            earlier.get().addSuppressed(e);
            return Failure.of(earlier.get(), TransactionErrorCode.ROLLED_BACK_AFTER_ERROR, sessionId);
        }
        return normaliseIdle(Failure.of(e, TransactionErrorCode.TRANSACTION_FAILED, sessionId), state,
                state.idleBeforeLastStatementNanos());
    }

    private TransactionRunner.Attempt<T> finish(AttemptTransaction tx, AttemptState state, T value,
                                               TransactionRunner.ManagerContext context) {
        Optional<Throwable> doom = state.doom();
        try {
            if (doom.isEmpty() && context.support().transactionAborted(connection).orElse(false)) {
                doom = Optional.of(new SQLException("The transaction was aborted by an error the work caught",
                        IN_FAILED_TRANSACTION));
            }
        } catch (SQLException e) {
            return rolledBack(Failure.of(e, TransactionErrorCode.TRANSACTION_FAILED, sessionId), state);
        }
        if (doom.isPresent()) {
            return rolledBack(Failure.of(doom.get(), TransactionErrorCode.ROLLED_BACK_AFTER_ERROR, sessionId), state);
        }
        if (tx.isRollbackOnly()) {
            TransactionRunner.Attempt<T> rolled = rolledBack(null, state);
            return rolled.failure() == null ? new TransactionRunner.Attempt<>(value, false, null) : rolled;
        }
        long lookupId = ServerSupport.NO_LOOKUP;
        if (context.commitResolution().isPresent()) {
            try {
                lookupId = plan.options().isReadOnly() ? ServerSupport.NO_WRITES
                        : context.support().commitLookupId(connection);
            } catch (SQLException e) {
                return rolledBack(Failure.of(e, TransactionErrorCode.TRANSACTION_FAILED, sessionId), state);
            }
        }
        long idle = state.idleNanos(System.nanoTime());
        try {
            connection.commit();
        } catch (SQLException e) {
            return commitFailed(e, state, idle, value, lookupId);
        }
        context.advisor().ifPresent(a -> a.observe(new TransactionTrace(plan.name(), plan.isolation(),
                context.dialect().product(), state.statements())));
        return new TransactionRunner.Attempt<>(value, true, null);
    }

    private TransactionRunner.Attempt<T> commitFailed(SQLException e, AttemptState state, long idleNanos, T value,
                                                      long lookupId) {
        Failure f = normaliseIdle(Failure.of(e, TransactionErrorCode.TRANSACTION_FAILED, sessionId), state,
                idleNanos);
        if (f.kind() == ErrorKind.IDLE_IN_TRANSACTION_TIMEOUT || state.connectionBrokeBefore()) {
            broken = true; // the server ended the session before COMMIT arrived: rolled back, known
            return failed(f);
        }
        if (f.kind().connectionBroken() || closedQuietly(connection, e)) {
            broken = true;
            return new TransactionRunner.Attempt<>(value, false, f.unknownOutcome(), lookupId);
        }
        // The server answered and refused: a serialization failure or deferred constraint at COMMIT rolls back.
        return rolledBack(f, state);
    }

    /**
     * MariaDB ends a session idle past {@code idle_transaction_timeout} without saying why (the client sees a lost
     * connection); PostgreSQL says 25P03. When the transaction had an idle timeout and sat idle at least that long
     * before the failing call, the lost connection is reported as an idle-in-transaction timeout on both servers.
     */
    private Failure normaliseIdle(Failure f, AttemptState state, long idleNanos) {
        Optional<Duration> idleTimeout = plan.options().idleTimeout();
        if (idleTimeout.isPresent() && f.kind() == ErrorKind.CONNECTION_LOST
                && idleNanos >= idleTimeout.get().toNanos()) {
            return f.withKind(ErrorKind.IDLE_IN_TRANSACTION_TIMEOUT);
        }
        return f;
    }

    /** Rolls back (unless the connection is gone) and reports the failure, or rollback-only when it is null. */
    private TransactionRunner.Attempt<T> rolledBack(Failure failure, AttemptState state) {
        boolean gone = failure != null && (failure.connectionBroken() || state.connectionBrokeBefore());
        if (gone) {
            broken = true;
            return failed(failure);
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            broken = true;
            if (failure == null) {
                return failed(Failure.of(e, TransactionErrorCode.TRANSACTION_FAILED, sessionId));
            }
            failure.error().addSuppressed(e);
        }
        return failure == null ? new TransactionRunner.Attempt<>(null, false, null) : failed(failure);
    }

    private TransactionRunner.Attempt<T> failed(Failure failure) {
        if (failure.connectionBroken()) {
            broken = true;
        }
        return new TransactionRunner.Attempt<>(null, false, failure);
    }

    /** Restores the session and auto-commit, then closes; aborts the connection when it cannot be restored. */
    private void cleanup(Throwable primary) {
        if (connection == null) {
            return;
        }
        boolean discard = broken;
        if (!discard) {
            try {
                restore.restore(connection);
                if (autoCommitChanged) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                discard = true;
                report(primary, e);
            }
        }
        if (discard) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                report(primary, e);
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            report(primary, e);
        }
    }

    private void report(Throwable primary, Exception e) {
        if (primary != null) {
            primary.addSuppressed(e);
        } else if (e instanceof SQLException sql) {
            cleanupFailed(sql);
        } else {
            cleanupFailed(new SQLException(e));
        }
    }

    /** Logs a cleanup failure that has no primary error to be attached to. */
    private void cleanupFailed(SQLException e) {
        LOG.warn("{} - restoring the connection of transaction {} failed ({}, SQLState {}); the connection was "
                + "discarded", label, plan.name(), SqlErrors.classify(e), e.getSQLState());
    }

    private static boolean closedQuietly(Connection connection, Throwable primary) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            primary.addSuppressed(e);
            return true;
        }
    }
}
