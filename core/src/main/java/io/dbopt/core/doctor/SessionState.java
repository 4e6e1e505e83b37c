package io.dbopt.core.doctor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** The session settings a JDBC caller can change, as the physical connection had them when it was opened. */
record SessionState(boolean autoCommit, boolean readOnly, int isolation, String catalog, String schema) {

    static SessionState of(Connection c) throws SQLException {
        return new SessionState(c.getAutoCommit(), c.isReadOnly(), c.getTransactionIsolation(), c.getCatalog(),
                c.getSchema());
    }

    /** Ends an open transaction and puts every setting back; throws when the connection is unusable. */
    void restore(Connection c) throws SQLException {
        if (c.isClosed()) {
            throw new SQLException("connection closed by its borrower");
        }
        if (!c.getAutoCommit()) {
            c.rollback();
        }
        if (c.getAutoCommit() != autoCommit) {
            c.setAutoCommit(autoCommit);
        }
        if (c.isReadOnly() != readOnly) {
            c.setReadOnly(readOnly);
        }
        if (c.getTransactionIsolation() != isolation) {
            c.setTransactionIsolation(isolation);
        }
        if (!Objects.equals(c.getCatalog(), catalog)) {
            c.setCatalog(catalog);
        }
        if (!Objects.equals(c.getSchema(), schema)) {
            c.setSchema(schema);
        }
        c.clearWarnings();
    }
}
