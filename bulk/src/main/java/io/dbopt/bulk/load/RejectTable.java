package io.dbopt.bulk.load;

import io.dbopt.bulk.failure.BadRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The optional table of rejected rows: {@code job_id}, {@code input_row} (the input row number), {@code column_name},
 * {@code sql_state}, {@code reason} (masked unless values are shown), {@code row_values} (only when shown) and
 * {@code rejected_at}. Created when missing; rows are inserted in the transaction that moves the
 * load's checkpoint past them, so a resumed load records each rejected row once.
 */
final class RejectTable {

    private RejectTable() {
    }

    /** Creates the table when missing (autocommit). */
    static void ensureExists(Connection c, String quotedName) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + quotedName + " (job_id varchar(190) NOT NULL, "
                    + "input_row bigint NOT NULL, column_name varchar(190), sql_state varchar(16) NOT NULL, "
                    + "reason varchar(2000) NOT NULL, row_values text, "
                    + "rejected_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Inserts one rejected row; in the caller's transaction. */
    static void insert(Connection c, String quotedName, String job, BadRow row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + quotedName + " (job_id, input_row, "
                + "column_name, sql_state, reason, row_values) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, job.length() > 190 ? job.substring(0, 190) : job);
            ps.setLong(2, row.rowNumber());
            ps.setString(3, row.column().orElse(null));
            ps.setString(4, row.sqlState());
            ps.setString(5, row.reason().length() > 2000 ? row.reason().substring(0, 2000) : row.reason());
            ps.setString(6, row.values().isEmpty() ? null : String.join("\t", row.values()));
            ps.executeUpdate();
        }
    }
}
