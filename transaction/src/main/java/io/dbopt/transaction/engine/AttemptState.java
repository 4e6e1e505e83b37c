package io.dbopt.transaction.engine;

import io.dbopt.transaction.jdbc.GuardSink;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the guarded connection observed during one attempt: statement errors (in order, so that a rollback to a
 * savepoint can forgive the ones after it), the statements run (when the isolation advisor records), and when the
 * last statement ended. Used by one transaction at a time; synchronized because a user may hand the connection to
 * a helper thread.
 */
final class AttemptState implements GuardSink {

    /** PostgreSQL aborts the whole transaction on any statement error until a rollback to a savepoint. */
    private final boolean errorsAbortTransaction;
    private final boolean recording;
    private final List<Observed> errors = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private int sequence;
    private long lastActivityNanos = System.nanoTime();
    private long idleBeforeLastStatementNanos;
    private Throwable nestedFailure;

    AttemptState(boolean errorsAbortTransaction, boolean recording) {
        this.errorsAbortTransaction = errorsAbortTransaction;
        this.recording = recording;
    }

    @Override
    public synchronized void statementStarted(String sql) {
        idleBeforeLastStatementNanos = System.nanoTime() - lastActivityNanos;
        if (recording && sql != null && statements.size() < MAX_RECORDED_STATEMENTS) {
            statements.add(sql);
        }
    }

    @Override
    public synchronized void statementEnded() {
        lastActivityNanos = System.nanoTime();
    }

    @Override
    public synchronized void statementFailed(SQLException error) {
        lastActivityNanos = System.nanoTime();
        errors.add(new Observed(++sequence, SqlErrors.classify(error), error));
    }

    /** Marks a savepoint and returns its position in the sequence of errors. */
    @Override
    public synchronized int savepointSet() {
        return ++sequence;
    }

    /** Forgives errors after the savepoint that a rollback to it repairs. */
    @Override
    public synchronized void rolledBackTo(int savepointSequence) {
        errors.removeIf(o -> o.sequence() > savepointSequence && o.forgivableBySavepoint(errorsAbortTransaction));
    }

    /** Records a failure of nested work (joined or in a savepoint) that dooms the enclosing transaction. */
    synchronized void nestedFailed(Throwable failure) {
        if (nestedFailure == null) {
            nestedFailure = failure;
        }
    }

    /**
     * The error that forbids committing, if any: a retryable error (the server rolled back the transaction or only
     * the statement, MariaDB 1205), any error on PostgreSQL (the transaction is aborted), or failed nested work.
     */
    synchronized Optional<Throwable> doom() {
        for (Observed o : errors) {
            if (o.kind().retryable() || errorsAbortTransaction) {
                return Optional.of(o.error());
            }
        }
        return Optional.ofNullable(nestedFailure);
    }

    /** Whether a statement already failed because the connection broke: the server rolled back, nothing to guess. */
    synchronized boolean connectionBrokeBefore() {
        return errors.stream().anyMatch(o -> o.kind().connectionBroken());
    }

    /** How long the transaction has been idle since its last statement ended. */
    synchronized long idleNanos(long now) {
        return now - lastActivityNanos;
    }

    /** How long the transaction sat idle before its most recent statement started. */
    synchronized long idleBeforeLastStatementNanos() {
        return idleBeforeLastStatementNanos;
    }

    synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    /** One observed statement error. */
    private record Observed(int sequence, ErrorKind kind, SQLException error) {
        /**
         * A rollback to a savepoint repairs a statement error, except when the server already rolled back the whole
         * transaction or requires it to restart: serialization failures and broken connections everywhere, deadlocks
         * on MariaDB (InnoDB rolls back the victim entirely).
         */
        boolean forgivableBySavepoint(boolean postgres) {
            if (kind == ErrorKind.SERIALIZATION_FAILURE || kind.connectionBroken()) {
                return false;
            }
            return postgres || kind != ErrorKind.DEADLOCK;
        }
    }
}
