package io.dbopt.testkit.populate;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Builds schemas with planted problems on a real database, fluently, in the manner of pg-index-health's
 * populator. Every name is quoted through the dialect, so hostile names work.
 *
 * <pre>{@code
 * SchemaPopulator.on(db)
 *     .withReferences()          // clients, accounts with a foreign key accounts.client_id (no index)
 *     .withDuplicatedIndex()     // two identical indexes on accounts(number)
 *     .withData(1_000)           // 1,000 clients, 3,000 accounts
 *     .populate();
 * }</pre>
 *
 * Tables are created in declaration order, then filled server-side ({@code generate_series} on PostgreSQL, the
 * sequence engine on MariaDB), then indexed, then analysed. Not thread-safe; {@link #populate()} runs once.
 */
public final class SchemaPopulator {

    /** The standard planted tables. */
    public static final String CLIENTS = "clients";
    /** The standard planted tables. */
    public static final String ACCOUNTS = "accounts";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Map<String, TableBuilder> tables = new LinkedHashMap<>();
    private final Map<String, IndexSpec> indexes = new LinkedHashMap<>();
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final List<String> extraStatements = new ArrayList<>();

    private SchemaPopulator(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** A populator for a test database. */
    public static SchemaPopulator on(TestDatabase database) {
        return new SchemaPopulator(database.dataSource(), database.dialect());
    }

    /** A populator for any data source; the dialect is detected. */
    public static SchemaPopulator on(DataSource dataSource) {
        return new SchemaPopulator(dataSource, DatabaseInfo.detect(dataSource).dialect());
    }

    // ---- generic building blocks ------------------------------------------------------------------------------

    /** Declares a table. */
    public SchemaPopulator table(String name, Consumer<TableBuilder> columns) {
        TableBuilder builder = new TableBuilder(name);
        columns.accept(builder);
        tables.putIfAbsent(name, builder);
        return this;
    }

    /** Declares a plain index. */
    public SchemaPopulator index(String name, String table, String... columns) {
        indexes.putIfAbsent(name, new IndexSpec(name, table, List.of(columns), false));
        return this;
    }

    /** Declares a unique index. */
    public SchemaPopulator uniqueIndex(String name, String table, String... columns) {
        indexes.putIfAbsent(name, new IndexSpec(name, table, List.of(columns), true));
        return this;
    }

    /** Fills a table with {@code count} generated rows. */
    public SchemaPopulator rows(String table, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("Row count for " + table + " must be >= 0, was " + count);
        }
        rows.put(table, count);
        return this;
    }

    /** Runs a statement after everything else (for anything the builder does not model). */
    public SchemaPopulator statement(String sql) {
        extraStatements.add(sql);
        return this;
    }

    // ---- planted problems over the standard clients / accounts schema -------------------------------------------

    /** {@code clients} and {@code accounts} with a foreign key {@code accounts.client_id} and no index on it. */
    public SchemaPopulator withReferences() {
        table(CLIENTS, t -> t.id("id").varchar("name", 200).varchar("email", 200).bool("active")
                .timestamp("created_at"));
        return table(ACCOUNTS, t -> t.id("id").references("client_id", CLIENTS).varchar("number", 50)
                .numeric("balance").bool("closed").timestamp("opened_at"));
    }

    /** An index supporting the foreign key {@code accounts.client_id}. */
    public SchemaPopulator withForeignKeyIndex() {
        withReferences();
        return index("accounts_client_id_idx", ACCOUNTS, "client_id");
    }

    /** Two identical indexes on {@code accounts(number)}. */
    public SchemaPopulator withDuplicatedIndex() {
        withReferences();
        index("accounts_number_idx", ACCOUNTS, "number");
        return index("accounts_number_dup_idx", ACCOUNTS, "number");
    }

    /** {@code accounts(client_id)} made redundant by {@code accounts(client_id, number)}. */
    public SchemaPopulator withRedundantIndex() {
        withReferences();
        index("accounts_client_number_idx", ACCOUNTS, "client_id", "number");
        return index("accounts_client_id_idx", ACCOUNTS, "client_id");
    }

    /** An index no query uses, on {@code accounts(balance)}. */
    public SchemaPopulator withUnusedIndex() {
        withReferences();
        return index("accounts_balance_idx", ACCOUNTS, "balance");
    }

    /** An index on the low-cardinality boolean {@code clients.active}. */
    public SchemaPopulator withBooleanIndex() {
        withReferences();
        return index("clients_active_idx", CLIENTS, "active");
    }

    /** A JSON column {@code accounts.attrs} (jsonb on PostgreSQL) without a GIN index. */
    public SchemaPopulator withJsonColumn() {
        withReferences();
        TableBuilder accounts = tables.get(ACCOUNTS);
        if (accounts.columns().stream().noneMatch(c -> c.name().equals("attrs"))) {
            accounts.json("attrs");
        }
        return this;
    }

    /** {@code clients} rows and three times as many {@code accounts}. */
    public SchemaPopulator withData(long clients) {
        withReferences();
        rows(CLIENTS, clients);
        return rows(ACCOUNTS, clients * 3);
    }

    // ---- execution ----------------------------------------------------------------------------------------------

    /** The statements {@link #populate()} would run, in order; for inspection and debugging. */
    public List<String> statements() {
        SqlWriter writer = new SqlWriter(dialect);
        List<String> sql = new ArrayList<>();
        tables.values().forEach(t -> sql.add(writer.createTable(t.name(), t.columns())));
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            TableBuilder table = tables.get(e.getKey());
            if (table == null) {
                throw new IllegalStateException("rows(" + e.getKey() + ") names a table that was not declared");
            }
            if (e.getValue() > 0) {
                sql.addAll(writer.insertRows(table.name(), table.columns(), e.getValue(), rows));
            }
        }
        indexes.values().forEach(i -> sql.add(writer.createIndex(i)));
        sql.addAll(extraStatements);
        tables.keySet().forEach(t -> sql.add(dialect instanceof PostgresDialect
                ? "ANALYZE " + dialect.quote(t) : "ANALYZE TABLE " + dialect.quote(t)));
        return sql;
    }

    /** Creates, fills, indexes and analyses everything declared. */
    public void populate() {
        List<String> sql = statements();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String statement : sql) {
                st.execute(statement); // ANALYZE TABLE and setval answer with a result set, which is ignored
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Populating the schema failed: " + e.getMessage(), e);
        }
    }

    /**
     * An index to plant.
     *
     * @param name index name
     * @param table table name
     * @param columns column names in order
     * @param unique whether unique
     */
    public record IndexSpec(String name, String table, List<String> columns, boolean unique) {
        /** Copies the columns. */
        public IndexSpec {
            columns = List.copyOf(columns);
        }
    }
}
