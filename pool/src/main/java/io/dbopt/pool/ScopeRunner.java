package io.dbopt.pool;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.SqlFunction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The scope helpers behind {@link ConnectionPoolManager#withConnection} and
 * {@link ConnectionPoolManager#inTransaction}: borrow, run, commit or roll back, and close on every path, with a
 * failure while rolling back or closing added as suppressed to the primary one. This is the module boundary where
 * {@link SQLException} becomes {@link PoolException}. Stateless.
 */
final class ScopeRunner {

    private ScopeRunner() {
    }

    static <T> T withConnection(ManagedPool pool, DataSource source, SqlFunction<Connection, T> work) {
        Connection c = borrow(pool, source);
        Throwable primary = null;
        try {
            return work.apply(c);
        } catch (SQLException e) {
            primary = e;
            throw failed(pool, "a statement inside withConnection", e);
        } catch (RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            close(pool, c, primary);
        }
    }

    static <T> T inTransaction(ManagedPool pool, DataSource source, SqlFunction<Connection, T> work) {
        Connection c = borrow(pool, source);
        Throwable primary = null;
        String phase = "starting the transaction";
        try {
            c.setAutoCommit(false);
            phase = "a statement inside inTransaction";
            T result = work.apply(c);
            phase = "committing inTransaction";
            c.commit();
            return result;
        } catch (SQLException e) {
            primary = e;
            rollback(c, e);
            throw failed(pool, phase, e);
        } catch (RuntimeException | Error e) {
            primary = e;
            rollback(c, e);
            throw e;
        } finally {
            close(pool, c, primary);
        }
    }

    private static Connection borrow(ManagedPool pool, DataSource source) {
        try {
            return source.getConnection();
        } catch (PoolAcquireException e) {
            throw PoolException.of(e);
        } catch (SQLException e) {
            throw failed(pool, "borrowing a connection", e);
        }
    }

    private static void rollback(Connection c, Throwable primary) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static void close(ManagedPool pool, Connection c, Throwable primary) {
        try {
            c.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                throw failed(pool, "returning the connection", e);
            }
        }
    }

    private static PoolException failed(ManagedPool pool, String phase, SQLException e) {
        ErrorKind kind = SqlErrors.classify(e);
        String state = SqlErrors.sqlState(e).orElse("none");
        return new PoolException(PoolErrorCode.SQL_FAILED, pool.name + " - failed while " + phase + " (" + kind
                + ", SQLState " + state + ")" + kind.advice().map(a -> ": " + a).orElse(""), e, null);
    }
}
