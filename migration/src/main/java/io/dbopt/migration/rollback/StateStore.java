package io.dbopt.migration.rollback;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.SideQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * dbopt's own table next to Flyway's history ({@code dbopt_migration_state} by default): per set and version, the
 * schema snapshot taken before the migration, the generated undo, the rows of small tables the migration loses
 * (when {@code preserveData} is on), and the statements a non-transactional migration has run so far (so a migrator killed half-way can be compensated by the next one). Rows written on a
 * PostgreSQL migration's connection commit or roll back with the migration. Thread-safe; connections are the
 * caller's.
 */
public final class StateStore {

    /** Row kinds. */
    public enum Kind {
        SNAPSHOT, UNDO, PROGRESS, DATA;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String table;
    private final boolean postgres;

    public StateStore(Dialect dialect, String tableName) {
        this.table = dialect.quote(tableName);
        this.postgres = dialect instanceof PostgresDialect;
    }

    /** Creates the table if it is missing; tolerates a concurrent migrator creating it at the same moment. */
    public void ensureTable(Connection c) throws SQLException {
        String ddl = "CREATE TABLE IF NOT EXISTS " + table + " (set_name varchar(64) NOT NULL, "
                + "version varchar(64) NOT NULL, kind varchar(16) NOT NULL, seq int NOT NULL, body "
                + (postgres ? "text" : "longtext") + " NOT NULL, recorded_at "
                + (postgres ? "timestamptz NOT NULL DEFAULT now()" : "timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)")
                + ", PRIMARY KEY (set_name, version, kind, seq))";
        try {
            Jdbc.execute(c, ddl);
        } catch (SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            // two migrators racing on CREATE TABLE IF NOT EXISTS: the loser sees a duplicate; the table exists
            if (kind != ErrorKind.UNIQUE_VIOLATION && kind != ErrorKind.DUPLICATE_OBJECT) {
                throw e;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    /** One row of a {@link #putAll} write. */
    public record Row(Kind kind, int seq, String body) {
    }

    /** Writes (or replaces) one row, in one statement. */
    public void put(Connection c, String set, String version, Kind kind, int seq, String body) throws SQLException {
        putAll(c, set, version, List.of(new Row(kind, seq, body)));
    }

    /**
     * Writes (or replaces) rows of one set and version in one statement: an insert that overwrites the body and the
     * time of a row that already exists (PostgreSQL {@code ON CONFLICT}, MariaDB {@code ON DUPLICATE KEY}), so a
     * migration's state costs one round trip, and one commit on an autocommit connection.
     */
    public void putAll(Connection c, String set, String version, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (set_name, version, kind, seq, body) VALUES ");
        Object[] params = new Object[rows.size() * 5];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
            params[i * 5] = set;
            params[i * 5 + 1] = version;
            params[i * 5 + 2] = r.kind().key();
            params[i * 5 + 3] = r.seq();
            params[i * 5 + 4] = r.body();
        }
        sql.append(postgres
                ? " ON CONFLICT (set_name, version, kind, seq) DO UPDATE SET body = EXCLUDED.body, recorded_at = now()"
                : " ON DUPLICATE KEY UPDATE body = VALUES(body), recorded_at = CURRENT_TIMESTAMP(3)");
        Jdbc.update(c, sql.toString(), params);
    }

    public List<String> list(Connection c, String set, String version, Kind kind) throws SQLException {
        return Jdbc.query(c, "SELECT body FROM " + table + " WHERE set_name = ? AND version = ? AND kind = ? ORDER BY seq",
                rs -> rs.getString(1), set, version, kind.key());
    }

    /**
     * The rows {@link #list} returns, as a side query of a scoped snapshot read ({@link SideQuery}): the bodies of one
     * set's, version's and kind's rows, ordered by their sequence number.
     */
    public SideQuery listQuery(String set, String version, Kind kind) {
        return new SideQuery("SELECT seq AS side_position, body AS side_text FROM " + table
                + " WHERE set_name = ? AND version = ? AND kind = ?", List.of(set, version, kind.key()));
    }

    public void delete(Connection c, String set, String version, Kind kind) throws SQLException {
        Jdbc.update(c, "DELETE FROM " + table + " WHERE set_name = ? AND version = ? AND kind = ?", set, version,
                kind.key());
    }

    public void deleteAll(Connection c, String set, String version) throws SQLException {
        Jdbc.update(c, "DELETE FROM " + table + " WHERE set_name = ? AND version = ?", set, version);
    }

    /** The versions of a set that have progress rows left by an unfinished non-transactional migration. */
    public List<String> unfinished(Connection c, String set) throws SQLException {
        return Jdbc.query(c, "SELECT DISTINCT version FROM " + table + " WHERE set_name = ? AND kind = ?",
                rs -> rs.getString(1), set, Kind.PROGRESS.key());
    }
}
