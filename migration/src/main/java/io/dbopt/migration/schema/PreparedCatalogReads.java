package io.dbopt.migration.schema;

import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The PostgreSQL scoped catalog read's four queries prepared on the server (SQL {@code PREPARE}) for one connection,
 * so that a migration run's reads of the tables its migrations alter are planned once per connection, not on every
 * read. The driver's own server-side prepare does not last for this: pgjdbc parses its prepared statement anew
 * after DDL such as {@code ALTER TABLE} on the connection, which every such migration runs. The table names are
 * bound once per read and reach the statements through a setting. The statements are named after their text
 * ({@code dbopt_scoped_<query>_<hash>}), so a session that keeps them from an earlier run (a pooled connection)
 * reuses them and a changed query never meets an old statement; prepared statements outlive rollbacks but not
 * {@code DISCARD ALL} or {@code DEALLOCATE}, hence {@link #forget()}.
 *
 * <p>One instance follows one connection at a time, from one thread (not thread-safe): the first read on a
 * connection looks up which of the statements the session holds (one query), then the statements it lacks are
 * prepared in the same round trip as the read.
 */
public final class PreparedCatalogReads {

    private static final String PREFIX = "dbopt_scoped_";
    /** The transaction-local setting the prepared statements read the table names from. */
    static final String SCOPE_SETTING = "dbopt.scoped_tables";
    private static final List<String> KINDS = List.of("tables", "columns", "indexes", "constraints");
    /**
     * Starts every statement of a read: {@code pg_stat_statements} records an executed prepared statement under its
     * {@code PREPARE} text and keeps a statement's leading comment, so the doctor's Queries section leaves these out
     * of the server's top statements like every dbopt catalog query ({@link SqlResource#MARKER}).
     */
    private static final String MARK = SqlResource.MARKER + "\n";

    private Connection connection;
    private final Set<String> held = new HashSet<>();

    /** Nothing known yet: the first read looks the session's prepared statements up. */
    public PreparedCatalogReads() {
    }

    /**
     * Forgets what the session holds: the next read looks it up again. For after a statement that may have
     * deallocated prepared statements ({@code DISCARD}, {@code DEALLOCATE}) or a failed read.
     */
    public void forget() {
        connection = null;
        held.clear();
    }

    /**
     * The SQL of one read, with one bind parameter (the table names as {@code text[]}): {@code PREPARE} of the
     * statements the session lacks, then {@code SELECT current_schema()} that also puts the names in a setting
     * ({@value #SCOPE_SETTING}, transaction-local inside a transaction; an {@code EXECUTE}'s arguments cannot be bind
     * parameters),
     * and an {@code EXECUTE} of each query, which reads the names from that setting. The statements have no
     * parameters, so the server plans each once and keeps that plan. Afterwards they count as held.
     */
    String roundTrip(Connection c, List<String> queries, Duration timeout) throws SQLException {
        if (connection != c) {
            held.clear();
            held.addAll(Jdbc.query(c, timeout, MARK + "SELECT name FROM pg_prepared_statements WHERE name LIKE "
                    + "'dbopt\\_scoped\\_%'",
                    rs -> rs.getString(1)));
            connection = c;
        }
        StringBuilder prepare = new StringBuilder();
        // local to the transaction when there is one; on an autocommit connection for the session, so that the
        // setting cannot end before the EXECUTEs whatever the driver does between the statements of one execute
        StringBuilder execute = new StringBuilder(MARK + "SELECT current_schema(), set_config('" + SCOPE_SETTING
                + "', ?::text[]::text, " + !c.getAutoCommit() + ")");
        for (int i = 0; i < queries.size(); i++) {
            String body = queries.get(i).replace("= ANY (?::text[])",
                    "= ANY (current_setting('" + SCOPE_SETTING + "')::text[])");
            String name = PREFIX + KINDS.get(i) + "_" + Integer.toHexString(body.hashCode());
            // counted as held before the round trip: if it fails, the caller forgets, and the next read looks again
            if (held.add(name)) {
                prepare.append(MARK).append("PREPARE ").append(name).append(" AS ").append(body).append(";\n");
            }
            execute.append(";\n").append(MARK).append("EXECUTE ").append(name);
        }
        return prepare.append(execute).toString();
    }
}
