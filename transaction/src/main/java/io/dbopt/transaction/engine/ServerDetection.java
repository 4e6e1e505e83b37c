package io.dbopt.transaction.engine;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.transaction.TransactionErrorCode;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.server.ServerSupport;
import io.dbopt.transaction.server.TenantBinding;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The server a manager talks to, detected once: its {@link Dialect} (given, or read from the first connection's
 * metadata, or from a connection of its own when asked before any transaction ran) and the {@link ServerSupport}
 * that follows from it. Thread-safe.
 */
public final class ServerDetection {

    private final String name;
    private final DataSource dataSource;
    private final TenantBinding tenantBinding;
    private final Object lock = new Object();
    private volatile Dialect dialect;
    private volatile ServerSupport support;

    /** Detection for the manager {@code name} over {@code dataSource}; {@code known} is the dialect, or null. */
    public ServerDetection(String name, DataSource dataSource, TenantBinding tenantBinding, Dialect known) {
        this.name = name;
        this.dataSource = dataSource;
        this.tenantBinding = tenantBinding;
        this.dialect = known;
    }

    /**
     * The server's dialect, detected from the data source on first use.
     *
     * @throws TransactionException with {@link TransactionErrorCode#CONNECTION_FAILED} when detection fails
     */
    public Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            synchronized (lock) {
                d = dialect;
                if (d == null) {
                    try {
                        d = DatabaseInfo.detect(dataSource).dialect();
                    } catch (DbOptException e) {
                        ErrorKind kind = SqlErrors.classify(e);
                        throw new TransactionException(TransactionErrorCode.CONNECTION_FAILED, "Cannot detect the "
                                + "database of transaction manager " + name + " (" + kind + "): check that it is "
                                + "reachable, or give the dialect to the builder", e);
                    }
                    dialect = d;
                }
            }
        }
        return d;
    }

    /** The dialect, detected from this connection's metadata on first use (no query, no second connection). */
    public Dialect dialect(Connection connection) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            synchronized (lock) {
                d = dialect;
                if (d == null) {
                    d = DatabaseInfo.dialectOf(connection.getMetaData());
                    dialect = d;
                }
            }
        }
        return d;
    }

    /** How the server applies options and tells transaction state. */
    public ServerSupport support() {
        ServerSupport s = support;
        if (s == null) {
            s = ServerSupport.of(dialect(), tenantBinding);
            support = s;
        }
        return s;
    }
}
