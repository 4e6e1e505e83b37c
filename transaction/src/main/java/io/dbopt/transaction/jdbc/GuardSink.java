package io.dbopt.transaction.jdbc;

/**
 * What a {@link GuardedConnection} reports besides its statements: savepoints set and rolled back to, so that the
 * errors a rollback to a savepoint repairs can be forgiven. Thread-safe.
 */
public interface GuardSink extends StatementSink {

    /** A savepoint was set; returns its position in the sequence of statement errors. */
    int savepointSet();

    /** The transaction rolled back to the savepoint set at {@code savepointSequence}. */
    void rolledBackTo(int savepointSequence);
}
