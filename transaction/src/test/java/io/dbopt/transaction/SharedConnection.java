package io.dbopt.transaction;

import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingDataSource;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A data source that always hands out the same connection and ignores close(), as transaction-aware wrappers of
 * application frameworks do while their transaction is open. Built on core's forwarding layer; no database behaviour
 * is imitated.
 */
final class SharedConnection {

    private SharedConnection() {
    }

    /** Hands out {@code connection} for every borrow; everything else is {@code source}'s. */
    static DataSource of(DataSource source, Connection connection) {
        Connection unclosable = new ForwardingConnection(connection) {
            @Override
            public void close() {
                // the framework's transaction owns the connection
            }
        };
        return new ForwardingDataSource(source) {
            @Override
            public Connection getConnection() {
                return unclosable;
            }

            @Override
            public Connection getConnection(String user, String password) {
                return unclosable;
            }
        };
    }
}
