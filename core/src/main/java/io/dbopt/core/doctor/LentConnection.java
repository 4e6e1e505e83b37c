package io.dbopt.core.doctor;

import io.dbopt.core.jdbc.StatementHookConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A kept connection of {@link RunConnections} while one borrower has it: closing it does not close the physical
 * connection but closes the statements made through it (as closing a connection would) and hands the connection back
 * to be reset. {@link #abort} really aborts it; it is then not used again. After {@link #close()} it reports itself
 * closed. Not thread-safe, like the borrower's use of a connection.
 */
final class LentConnection extends StatementHookConnection {

    /** Told when the borrower is done with the physical connection. */
    @FunctionalInterface
    interface GiveBack {
        void giveBack(Connection physical, SessionState state, boolean reusable);
    }

    private final SessionState state;
    private final GiveBack owner;
    private final List<Statement> statements = new ArrayList<>();
    private boolean closed;

    LentConnection(Connection physical, SessionState state, GiveBack owner) {
        super(physical);
        this.state = state;
        this.owner = owner;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        SQLException failure = null;
        for (Statement statement : statements) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        statements.clear();
        owner.giveBack(delegate, state, failure == null);
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed || delegate.isClosed();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        statements.clear();
        try {
            delegate.abort(executor);
        } finally {
            owner.giveBack(delegate, state, false);
        }
    }

    @Override
    protected <S extends Statement> S created(S statement) {
        statements.removeIf(LentConnection::isClosed);
        statements.add(statement);
        return statement;
    }

    private static boolean isClosed(Statement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
