package io.dbopt.migration.schema;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads a {@link SchemaSnapshot} from the catalogs, one query per object kind kept in
 * {@code io/dbopt/migration/sql/<dialect>/}; a read of some tables ({@link #read(Connection, List)}) sends those
 * queries in one round trip (PostgreSQL) or one statement (MariaDB). Flyway history tables and dbopt's own state table are left out by
 * default, since migrations themselves change them. Immutable and thread-safe.
 *
 * <pre>{@code
 * SchemaSnapshot before = SchemaReader.of(dialect).read(dataSource);
 * }</pre>
 */
public final class SchemaReader {

    /** Tables dbopt and Flyway keep for themselves; never part of an application's schema. */
    public static final Predicate<String> DEFAULT_EXCLUSIONS = name -> {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("flyway_schema_history") || n.startsWith("dbopt_migration_");
    };

    private static final String MODULE = "migration";
    /** How every PostgreSQL catalog query of a table kind names its schema parameter. */
    private static final String SCHEMA_FILTER = "n.nspname = ?";
    /**
     * How every PostgreSQL catalog query of a table kind names its optional table filter (NULL: every table). A
     * scoped read drops the {@code IS NULL OR}: with it the server plans the query anew on every call (its generic
     * plan, which cannot know whether the array is NULL, costs more than a custom one), without it the driver's
     * server-side prepared statement keeps one generic plan per connection.
     */
    private static final Pattern SCOPE_FILTER = Pattern.compile(
            "\\(\\?::text\\[\\] IS NULL OR (\\w+\\.relname) = ANY \\(\\?::text\\[\\]\\)\\)");
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('(?:\"?[^'.]+\"?\\.)?\"?([^'\"]+)\"?'::regclass\\)");

    private final Dialect dialect;
    private final Predicate<String> excluded;
    private final Duration timeout;

    private SchemaReader(Dialect dialect, Predicate<String> excluded, Duration timeout) {
        this.dialect = dialect;
        this.excluded = excluded;
        this.timeout = timeout;
    }

    /** A reader for a dialect that leaves out {@link #DEFAULT_EXCLUSIONS}. */
    public static SchemaReader of(Dialect dialect) {
        return new SchemaReader(Objects.requireNonNull(dialect, "dialect"), DEFAULT_EXCLUSIONS, Duration.ofSeconds(60));
    }

    /** A copy that also leaves out tables and views whose stored name matches. */
    public SchemaReader excluding(Predicate<String> moreExclusions) {
        return new SchemaReader(dialect, excluded.or(moreExclusions), timeout);
    }

    /**
     * Reads the current schema of a connection borrowed from the data source.
     *
     * @throws io.dbopt.core.DbOptException when the catalogs cannot be read
     */
    public SchemaSnapshot read(DataSource dataSource) {
        return Jdbc.withConnection(dataSource, "reading the schema catalog", this::read);
    }

    /**
     * Reads the connection's current schema (PostgreSQL) or database (MariaDB); the connection stays open, inside
     * its transaction if one is open.
     *
     * @throws IllegalStateException when the connection has no current schema or database
     */
    public SchemaSnapshot read(Connection connection) throws SQLException {
        String schema = Jdbc.queryFirst(connection, dialect.currentSchemaQuery(), rs -> rs.getString(1)).orElse(null);
        if (schema == null || schema.isEmpty()) {
            throw new IllegalStateException("The connection has no current " + (dialect instanceof PostgresDialect
                    ? "schema (check search_path)" : "database (add it to the JDBC URL)") + ": cannot read its schema");
        }
        return read(connection, schema);
    }

    /**
     * Reads only the named tables of the connection's current schema or database (those of them that exist), without
     * views and sequences: what a migration that touches only these tables needs. An empty list reads the whole
     * schema, as {@link #read(Connection)}. Names are as stored.
     */
    public SchemaSnapshot read(Connection connection, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return read(connection);
        }
        if (dialect instanceof PostgresDialect) {
            return readPostgresScoped(connection, List.copyOf(tables), null);
        }
        return readMariaDbScoped(connection, List.copyOf(tables));
    }

    /**
     * {@link #read(Connection, List)} of a non-empty list of tables, with a side query answered at the same time: on
     * MariaDB in the same statement (one more {@code UNION ALL} branch, so the lookup costs no round trip of its own),
     * on PostgreSQL as a query of its own after the read. The snapshot is the one {@link #read(Connection, List)}
     * gives.
     *
     * @throws IllegalArgumentException when {@code tables} is empty (that would mean the whole schema)
     */
    public SideReadSnapshot read(Connection connection, List<String> tables, SideQuery side) throws SQLException {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("A read with a side query needs the tables it reads");
        }
        if (dialect instanceof PostgresDialect) {
            SchemaSnapshot snapshot = read(connection, tables);
            List<String[]> rows = Jdbc.query(connection, timeout, side.sql(),
                    rs -> new String[] {rs.getString("side_position"), rs.getString("side_text")},
                    side.parameters().toArray());
            return new SideReadSnapshot(snapshot, rows.stream()
                    .sorted(java.util.Comparator.comparingLong(r -> Long.parseLong(r[0]))).map(r -> r[1]).toList());
        }
        List<String> scope = List.copyOf(tables);
        Optional<MariaDbCatalog.Scoped> read = MariaDbCatalog.readScoped(connection, dialect, timeout,
                storable(scope), Optional.of(side));
        if (read.isEmpty()) {
            read(connection); // no current database: fails as the unscoped read does
            throw new IllegalStateException("The connection has no current database");
        }
        return new SideReadSnapshot(scopedSnapshot(read.get(), scope), read.get().sideRows());
    }

    /**
     * {@link #read(Connection, List)} of {@code scope} for a caller that knows the tables named in {@code absent} do
     * not exist (stored names): only the other tables are read, and the snapshot's scope is all of {@code scope}, so
     * it equals a read of the whole scope. When nothing is left to read, only the current schema's name is read (one
     * query without a catalog join). A non-empty {@code scope} is required.
     *
     * @throws IllegalArgumentException when {@code scope} is empty (that would mean the whole schema)
     * @throws IllegalStateException when the connection has no current schema or database
     */
    public SchemaSnapshot read(Connection connection, List<String> scope, Set<String> absent)
            throws SQLException {
        return read(connection, scope, absent, null);
    }

    /**
     * {@link #read(Connection, List, Set)} that, on PostgreSQL, runs the catalog queries as statements prepared on
     * the server for the connection and kept in {@code prepared} (planned once per connection instead of on every
     * read); {@code null}, or MariaDB, reads as {@link #read(Connection, List, Set)}. The snapshot is the same.
     *
     * @throws IllegalArgumentException when {@code scope} is empty (that would mean the whole schema)
     * @throws IllegalStateException when the connection has no current schema or database
     */
    public SchemaSnapshot read(Connection connection, List<String> scope, Set<String> absent,
                               PreparedCatalogReads prepared) throws SQLException {
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("A read knowing absent tables needs the tables of its scope");
        }
        List<String> rest = scope.stream().filter(t -> !absent.contains(t)).toList();
        if (!rest.isEmpty()) {
            SchemaSnapshot read = dialect instanceof PostgresDialect
                    ? readPostgresScoped(connection, List.copyOf(rest), prepared) : read(connection, rest);
            return new SchemaSnapshot(read.dialect(), read.schema(), read.tables(), read.views(), read.sequences(),
                    scope);
        }
        String schema = Jdbc.queryFirst(connection, dialect.currentSchemaQuery(), rs -> rs.getString(1)).orElse(null);
        if (schema == null || schema.isEmpty()) {
            return read(connection); // no current schema: fails as the unscoped read does
        }
        return new SchemaSnapshot(dialect.resourceFolder(), schema, List.of(), List.of(), List.of(), scope);
    }

    /** Reads a named schema or database; the connection stays open. */
    public SchemaSnapshot read(Connection connection, String schema) throws SQLException {
        Tables parts;
        if (dialect instanceof PostgresDialect) {
            Object[] filter = {null, null};
            parts = new Tables(kept(query(connection, "tables", schema, filter, SchemaReader::tableRow)));
            addPostgres(query(connection, "columns", schema, filter, SchemaReader::postgresColumnRow),
                    query(connection, "indexes", schema, filter, SchemaReader::postgresIndexRow),
                    query(connection, "constraints", schema, filter, SchemaReader::postgresConstraintRow), parts);
        } else {
            parts = mariaDb(MariaDbCatalog.readWhole(connection, dialect, timeout, schema));
        }
        List<ViewSchema> views = new ArrayList<>();
        String ownQualifier = dialect.quoteAlways(schema) + ".";
        for (ViewSchema v : query(connection, "views", schema, null, rs -> new ViewSchema(rs.getString(1),
                // MariaDB qualifies every name with the database: drop it so the view can be compared and recreated
                Optional.ofNullable(rs.getString(2)).orElse("").strip().replace(ownQualifier, "")))) {
            if (!excluded.test(v.name())) {
                views.add(v);
            }
        }
        List<String> sequences = query(connection, "sequences", schema, null, rs -> rs.getString(1));
        return new SchemaSnapshot(dialect.resourceFolder(), schema, parts.tables(), views, sequences);
    }

    /**
     * A scoped read on MariaDB in one statement ({@link MariaDbCatalog#readScoped}): {@code DATABASE()} and the six
     * catalog queries of every table, each looked up by name. The result is the same as the six queries run for one
     * table after the other after a {@code SELECT DATABASE()}.
     */
    private SchemaSnapshot readMariaDbScoped(Connection connection, List<String> scope) throws SQLException {
        Optional<MariaDbCatalog.Scoped> read = MariaDbCatalog.readScoped(connection, dialect, timeout,
                storable(scope));
        if (read.isEmpty()) {
            return read(connection); // no current database: fails as the unscoped read does
        }
        return scopedSnapshot(read.get(), scope);
    }

    /**
     * The names of a MariaDB scope worth looking up: MariaDB names hold the Basic Multilingual Plane only, so no table
     * has another, and comparing such a name with information_schema's utf8mb3 columns would fail with a collation
     * error instead.
     */
    private static List<String> storable(List<String> scope) {
        return scope.stream().distinct()
                .filter(t -> t.codePoints().noneMatch(Character::isSupplementaryCodePoint)).toList();
    }

    private SchemaSnapshot scopedSnapshot(MariaDbCatalog.Scoped read, List<String> scope) {
        return new SchemaSnapshot(dialect.resourceFolder(), read.database(), mariaDb(read.catalog()).tables(),
                List.of(), List.of(), scope);
    }

    private <T> List<T> query(Connection connection, String name, String schema, Object[] filter,
                              io.dbopt.core.jdbc.RowMapper<T> mapper) throws SQLException {
        Object[] params = filter == null ? new Object[] {schema} : new Object[] {schema, filter[0], filter[1]};
        return Jdbc.query(connection, timeout, SqlResource.load(MODULE, dialect, name), mapper, params);
    }

    /**
     * A scoped read on PostgreSQL in one round trip: the current schema and the tables, columns, indexes and
     * constraints queries, each restricted to {@code current_schema()} and to the named tables, sent as one
     * multi-statement execute (the driver sends them together and waits once). The result is the same as four
     * queries after a {@code SELECT current_schema()}. With {@code prepared}, the four queries run as statements
     * prepared on the server for the connection ({@link PreparedCatalogReads}), planned once instead of on every read.
     */
    private SchemaSnapshot readPostgresScoped(Connection connection, List<String> scope,
                                              PreparedCatalogReads prepared) throws SQLException {
        List<String> queries = postgresScopedQueries();
        Array names = connection.createArrayOf("text", scope.toArray());
        String sql;
        if (prepared == null) {
            StringBuilder multi = new StringBuilder(SqlResource.MARKER + "\nSELECT current_schema()");
            for (String q : queries) {
                multi.append(";\n").append(q);
            }
            sql = multi.toString();
        } else {
            try {
                sql = prepared.roundTrip(connection, queries, timeout);
            } catch (SQLException | RuntimeException e) {
                names.free();
                prepared.forget();
                throw e;
            }
        }
        java.sql.PreparedStatement st;
        try {
            st = connection.prepareStatement(sql);
        } catch (SQLException | RuntimeException e) {
            names.free();
            throw e;
        }
        try (st) {
            st.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            for (int i = 1; i <= (prepared == null ? queries.size() : 1); i++) {
                st.setObject(i, names);
            }
            try {
                st.execute();
            } catch (SQLException | RuntimeException e) {
                if (prepared != null) {
                    prepared.forget();
                }
                throw e;
            }
            String schema = null;
            List<Object[]> tableRows = List.of();
            List<Object[]> columnRows = List.of();
            List<Object[]> indexRows = List.of();
            List<Object[]> constraintRows = List.of();
            int index = 0;
            // results in order; a PREPARE sent first gives an update count, skipped
            for (boolean more = true; more; more = st.getMoreResults() || st.getUpdateCount() != -1) {
                ResultSet rs = st.getResultSet();
                if (rs == null) {
                    continue;
                }
                switch (index++) {
                    case 0 -> schema = firstString(rs);
                    case 1 -> tableRows = rows(rs, SchemaReader::tableRow);
                    case 2 -> columnRows = rows(rs, SchemaReader::postgresColumnRow);
                    case 3 -> indexRows = rows(rs, SchemaReader::postgresIndexRow);
                    case 4 -> constraintRows = rows(rs, SchemaReader::postgresConstraintRow);
                    default -> rs.close();
                }
            }
            if (index != 5) {
                throw new SQLException("The scoped catalog read returned " + index + " results, not 5");
            }
            if (schema == null || schema.isEmpty()) {
                return read(connection); // no current schema: fails as the unscoped read does
            }
            Tables parts = new Tables(kept(tableRows));
            addPostgres(columnRows, indexRows, constraintRows, parts);
            return new SchemaSnapshot(dialect.resourceFolder(), schema, parts.tables(), List.of(), List.of(), scope);
        } finally {
            names.free();
        }
    }

    /**
     * The tables, columns, indexes and constraints queries of a scoped PostgreSQL read, each restricted to
     * {@code current_schema()} and to the tables of one {@code text[]} parameter ({@code ?}), without the whole-schema
     * queries' {@code IS NULL OR}.
     */
    private List<String> postgresScopedQueries() {
        List<String> queries = new ArrayList<>(4);
        for (String name : List.of("tables", "columns", "indexes", "constraints")) {
            String q = SqlResource.load(MODULE, dialect, name).strip();
            int at = q.indexOf(SCHEMA_FILTER);
            if (at < 0 || q.indexOf(SCHEMA_FILTER, at + 1) >= 0 || q.endsWith(";")) {
                throw new IllegalStateException("The catalog query " + name + " of the migration module must filter"
                        + " the schema once with '" + SCHEMA_FILTER + "' and not end with ';' to be read in one round"
                        + " trip: fix io/dbopt/migration/sql/postgresql/" + name + ".sql");
            }
            String current = q.substring(0, at) + "n.nspname = current_schema()"
                    + q.substring(at + SCHEMA_FILTER.length());
            Matcher filter = SCOPE_FILTER.matcher(current);
            if (!filter.find() || filter.find()) {
                throw new IllegalStateException("The catalog query " + name + " of the migration module must limit"
                        + " its tables once with '(?::text[] IS NULL OR <alias>.relname = ANY (?::text[]))' to be read"
                        + " scoped: fix io/dbopt/migration/sql/postgresql/" + name + ".sql");
            }
            queries.add(filter.replaceFirst("$1 = ANY (?::text[])"));
        }
        return queries;
    }

    /** The tables of {@code tableRows} (name, estimated rows) that are not excluded, in their order. */
    private Map<String, Long> kept(List<Object[]> tableRows) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Object[] r : tableRows) {
            if (!excluded.test((String) r[0])) {
                rows.put((String) r[0], (Long) r[1]);
            }
        }
        return rows;
    }

    private static String firstString(ResultSet rs) throws SQLException {
        try (rs) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static <T> List<T> rows(ResultSet rs, io.dbopt.core.jdbc.RowMapper<T> mapper) throws SQLException {
        try (rs) {
            List<T> list = new ArrayList<>();
            while (rs.next()) {
                list.add(mapper.map(rs));
            }
            return list;
        }
    }

    private static Object[] tableRow(ResultSet rs) throws SQLException {
        return new Object[] {rs.getString(1), rs.getLong(2)};
    }

    private static Object[] postgresColumnRow(ResultSet rs) throws SQLException {
        return new Object[] {rs.getString(1), postgresColumn(rs)};
    }

    private static Object[] postgresIndexRow(ResultSet rs) throws SQLException {
        return new Object[] {rs.getString(1), new IndexSchema(rs.getString(2), strings(rs.getArray(7)),
                rs.getBoolean(3), Optional.ofNullable(rs.getString(6)), rs.getBoolean(4), rs.getString(5))};
    }

    private static Object[] postgresConstraintRow(ResultSet rs) throws SQLException {
        return new Object[] {rs.getString(1), postgresConstraint(rs)};
    }

    private static void addPostgres(List<Object[]> columnRows, List<Object[]> indexRows, List<Object[]> constraintRows,
                                    Tables parts) {
        for (Object[] r : columnRows) {
            addTo(parts.columns, (String) r[0], (ColumnSchema) r[1]);
        }
        for (Object[] r : indexRows) {
            addTo(parts.indexes, (String) r[0], (IndexSchema) r[1]);
        }
        for (Object[] r : constraintRows) {
            addTo(parts.constraints, (String) r[0], (ConstraintSchema) r[1]);
        }
    }

    private static ColumnSchema postgresColumn(ResultSet rs) throws SQLException {
        String table = rs.getString(1);
        String column = rs.getString(2);
        String type = TypeNames.normalise("postgresql", rs.getString(3));
        Optional<String> defaultExpr = Optional.ofNullable(rs.getString(5));
        String identity = rs.getString(6);
        ColumnSchema.Generation generation = switch (identity == null ? "" : identity) {
            case "a" -> ColumnSchema.Generation.IDENTITY_ALWAYS;
            case "d" -> ColumnSchema.Generation.IDENTITY_BY_DEFAULT;
            default -> ColumnSchema.Generation.NONE;
        };
        if (defaultExpr.isPresent()) {
            Matcher m = NEXTVAL.matcher(defaultExpr.get());
            if (m.matches() && m.group(1).equals(table + "_" + column + "_seq")) {
                String serial = switch (type) {
                    case "integer" -> "serial";
                    case "bigint" -> "bigserial";
                    case "smallint" -> "smallserial";
                    default -> null;
                };
                if (serial != null) {
                    type = serial;
                    defaultExpr = Optional.empty();
                }
            }
        }
        return new ColumnSchema(column, type, rs.getBoolean(4), defaultExpr, generation);
    }

    private static ConstraintSchema postgresConstraint(ResultSet rs) throws SQLException {
        ConstraintSchema.Type type = switch (rs.getString(3)) {
            case "p" -> ConstraintSchema.Type.PRIMARY_KEY;
            case "u" -> ConstraintSchema.Type.UNIQUE;
            case "f" -> ConstraintSchema.Type.FOREIGN_KEY;
            default -> ConstraintSchema.Type.CHECK;
        };
        return new ConstraintSchema(rs.getString(2), type, strings(rs.getArray(6)), Optional.ofNullable(rs.getString(7)),
                strings(rs.getArray(8)), Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10)),
                rs.getBoolean(4), rs.getString(5));
    }

    /** The tables of a MariaDB catalog read that are not excluded, with their columns, indexes and constraints. */
    private Tables mariaDb(MariaDbCatalog catalog) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String[] r : catalog.tables()) {
            if (!excluded.test(r[0])) {
                rows.put(r[0], Long.parseLong(r[1]));
            }
        }
        Tables parts = new Tables(rows);
        for (String[] r : catalog.columns()) {
            addTo(parts.columns, r[0], mariaDbColumn(r));
        }
        Map<String, Map<String, List<String>>> indexColumns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        for (String[] r : catalog.indexes()) {
            String column = r[5] == null ? r[4] : r[4] + "(" + r[5] + ")";
            indexColumns.computeIfAbsent(r[0], k -> new LinkedHashMap<>()).computeIfAbsent(r[1], k -> new ArrayList<>())
                    .add(column);
            unique.put(r[0] + "\u0000" + r[1], flag(r[2]));
        }
        indexColumns.forEach((table, byName) -> byName.forEach((name, cols) -> {
            if (name.equals("PRIMARY")) {
                addTo(parts.constraints, table, ConstraintSchema.primaryKey("PRIMARY", cols));
            } else {
                addTo(parts.indexes, table, IndexSchema.of(name, cols, unique.get(table + "\u0000" + name)));
            }
        }));
        Map<String, String> deleteRules = new LinkedHashMap<>();
        for (String[] r : catalog.deleteRules()) {
            deleteRules.put(r[0] + "\u0000" + r[1], r[2]);
        }
        Map<String, Object[]> foreignKeys = new LinkedHashMap<>();
        for (String[] r : catalog.foreignKeys()) {
            Object[] fk = foreignKeys.computeIfAbsent(r[0] + "\u0000" + r[1], k -> new Object[] {r[0], r[1],
                    new ArrayList<String>(), r[3], new ArrayList<String>(), deleteRules.get(r[0] + "\u0000" + r[1])});
            cast(fk[2]).add(r[2]);
            cast(fk[4]).add(r[4]);
        }
        for (Object[] fk : foreignKeys.values()) {
            addTo(parts.constraints, (String) fk[0], new ConstraintSchema((String) fk[1],
                    ConstraintSchema.Type.FOREIGN_KEY, cast(fk[2]), Optional.of((String) fk[3]), cast(fk[4]),
                    Optional.ofNullable((String) fk[5]), Optional.empty(), true, ""));
        }
        for (String[] r : catalog.checks()) {
            addTo(parts.constraints, r[0], new ConstraintSchema(r[1], ConstraintSchema.Type.CHECK, List.of(),
                    Optional.empty(), List.of(), Optional.empty(), Optional.ofNullable(r[2]), true, ""));
        }
        return parts;
    }

    /** A boolean expression's value as MariaDB returns it ({@code 1} or {@code 0}). */
    private static boolean flag(String value) {
        return value != null && !value.equals("0");
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object list) {
        return (List<String>) list;
    }

    private static ColumnSchema mariaDbColumn(String[] r) {
        String type = TypeNames.normalise("mariadb", r[2]);
        String rawDefault = r[4];
        Optional<String> defaultExpr = rawDefault == null || rawDefault.equalsIgnoreCase("NULL") ? Optional.empty()
                : Optional.of(rawDefault);
        String extra = Optional.ofNullable(r[5]).orElse("").toLowerCase(Locale.ROOT);
        ColumnSchema.Generation generation = extra.contains("auto_increment") ? ColumnSchema.Generation.AUTO_INCREMENT
                : ColumnSchema.Generation.NONE;
        return new ColumnSchema(r[1], type, flag(r[3]), defaultExpr, generation);
    }

    private static <T> void addTo(Map<String, List<T>> map, String table, T value) {
        List<T> list = map.get(table);
        if (list != null) {
            list.add(value);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            Object[] values = (Object[]) array.getArray();
            List<String> result = new ArrayList<>(values.length);
            for (Object v : values) {
                result.add(String.valueOf(v));
            }
            return result;
        } finally {
            array.free();
        }
    }

    /** The tables a read keeps (name and row estimate, in read order) and their parts as they are added. */
    private static final class Tables {
        private final Map<String, Long> rows;
        private final Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
        private final Map<String, List<IndexSchema>> indexes = new LinkedHashMap<>();
        private final Map<String, List<ConstraintSchema>> constraints = new LinkedHashMap<>();

        Tables(Map<String, Long> rows) {
            this.rows = rows;
            rows.keySet().forEach(t -> {
                columns.put(t, new ArrayList<>());
                indexes.put(t, new ArrayList<>());
                constraints.put(t, new ArrayList<>());
            });
        }

        List<TableSchema> tables() {
            List<TableSchema> tables = new ArrayList<>();
            rows.forEach((name, estimate) -> tables.add(new TableSchema(name, columns.get(name),
                    sorted(indexes.get(name)), sortedConstraints(constraints.get(name)), estimate)));
            return tables;
        }
    }

    private static List<IndexSchema> sorted(List<IndexSchema> list) {
        return list.stream().sorted(java.util.Comparator.comparing(IndexSchema::name)).toList();
    }

    private static List<ConstraintSchema> sortedConstraints(List<ConstraintSchema> list) {
        return list.stream().sorted(java.util.Comparator.comparing(ConstraintSchema::name)).toList();
    }
}
