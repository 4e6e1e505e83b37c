package io.dbopt.pool.engine;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.SqlFunction;
import io.dbopt.pool.PoolAcquireException;
import io.dbopt.pool.PoolErrorCode;
import io.dbopt.pool.PoolException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The scope helpers behind the pool's {@code withConnection} and {@code inTransaction}: borrow, run, commit or roll
 * back, and close on every path, with a failure while rolling back or closing added as suppressed to the primary one.
 * This is the module boundary where {@link SQLException} becomes {@link PoolException}. Stateless.
 */
public final class ScopeRunner {

    private ScopeRunner() {
    }

    /** Borrows from {@code source}, applies {@code work} and returns the connection on every path. */
    public static <T> T withConnection(String pool, DataSource source, SqlFunction<Connection, T> work) {
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

    /** Borrows from {@code source}, runs {@code work} in a transaction, commits, and returns the connection. */
    public static <T> T inTransaction(String pool, DataSource source, SqlFunction<Connection, T> work) {
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

    private static Connection borrow(String pool, DataSource source) {
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

    private static void close(String pool, Connection c, Throwable primary) {
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

    private static PoolException failed(String pool, String phase, SQLException e) {
        ErrorKind kind = SqlErrors.classify(e);
        String state = SqlErrors.sqlState(e).orElse("none");
        return new PoolException(PoolErrorCode.SQL_FAILED, pool + " - failed while " + phase + " (" + kind
                + ", SQLState " + state + ")" + kind.advice().map(a -> ": " + a).orElse(""), e, null);
    }
}
