package io.dbopt.index.analysis;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlFunction;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.check.CheckContext;
import io.dbopt.index.check.IndexUsage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One borrowed connection with what every analysis needs from it: dialect, schema, catalog.
 *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class Session {

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final IndexOptions options;
    private final Catalog catalog;
    private final java.util.Map<String, IndexUsage> usage = new java.util.HashMap<>();
    private final SchemaTables.Source tables;

    private Session(Connection connection, IndexOptions options, SchemaTables.Source tables) throws SQLException {
        this.connection = connection;
        this.tables = tables;
        this.dialect = DatabaseInfo.detect(connection).dialect();
        this.options = options;
        this.schema = Catalog.resolveSchema(connection, dialect, options);
        this.catalog = new Catalog(connection, dialect, schema, options);
    }

    /**
     * Borrows a connection, runs the work and returns the connection, wrapping a {@link SQLException} into a
     * {@link io.dbopt.core.DbOptException} that says what was being done.
     */
    public static <T> T run(DataSource dataSource, IndexOptions options, String whatIsBeingDone,
                     SqlFunction<Session, T> work) {
        return Jdbc.withConnection(dataSource, whatIsBeingDone, c -> work.apply(new Session(c, options,
                SchemaTables.Source.fresh())));
    }

    /**
     * As {@link #run}, for analysis that runs no DDL: every statement of the session (catalog, statement statistics,
     * what-if set-up) has {@code index.statement_timeout} as its time limit.
     */
    public static <T> T analyse(DataSource dataSource, IndexOptions options, String whatIsBeingDone,
                         SqlFunction<Session, T> work) {
        return analyse(dataSource, options, SchemaTables.Source.fresh(), whatIsBeingDone, work);
    }

    /** As {@link #analyse(DataSource, IndexOptions, String, SqlFunction)}, the checks taking tables from {@code tables}. */
    public static <T> T analyse(DataSource dataSource, IndexOptions options, SchemaTables.Source tables,
                                String whatIsBeingDone, SqlFunction<Session, T> work) {
        return Jdbc.withConnection(dataSource, whatIsBeingDone,
                c -> work.apply(new Session(io.dbopt.core.jdbc.TimedConnection.of(c, options.statementTimeout()),
                        options, tables)));
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String schema() {
        return schema;
    }

    IndexOptions options() {
        return options;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A fresh catalog (after DDL changed what the cached one read). */
    Catalog freshCatalog() {
        return new Catalog(connection, dialect, schema, options);
    }

    public CheckContext checkContext() {
        return checkContext(schema);
    }

    /**
     * A check context for one of {@link #checkedSchemas()}. The contexts of one schema share its {@link IndexUsage}:
     * the usage, missing-index and schema checks of a session read the server's usage counters once.
     */
    public CheckContext checkContext(String checkedSchema) {
        IndexUsage counters = usage.computeIfAbsent(checkedSchema,
                s -> IndexUsage.of(connection, dialect, options.statementTimeout(), s, tables));
        return new CheckContext(connection, dialect, checkedSchema, options, catalog.names(), counters);
    }

    /**
     * The schemas the catalog checks examine: the one of {@code index.schema} when it is set, else those of
     * {@code index.schemas}, else every schema of the database the user may use (PostgreSQL) or the current
     * database (MariaDB, whose other databases are often other applications').
     */
    public List<String> checkedSchemas() throws SQLException {
        if (!options.schema().isEmpty()) {
            return List.of(schema);
        }
        if (!options.schemas().isEmpty()) {
            return options.schemas();
        }
        if (dialect instanceof io.dbopt.core.PostgresDialect) {
            List<String> all = Jdbc.query(connection, options.statementTimeout(),
                    io.dbopt.core.jdbc.SqlResource.load("index", dialect, "schemas"), rs -> rs.getString(1));
            return all.isEmpty() ? List.of(schema) : all;
        }
        return List.of(schema);
    }
}
