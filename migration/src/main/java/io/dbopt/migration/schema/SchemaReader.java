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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads a {@link SchemaSnapshot} from the catalogs, one query per object kind kept in
 * {@code io/dbopt/migration/sql/<dialect>/}. Flyway history tables and dbopt's own state table are left out by
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
            return readPostgresScoped(connection, List.copyOf(tables));
        }
        String schema = Jdbc.queryFirst(connection, dialect.currentSchemaQuery(), rs -> rs.getString(1)).orElse(null);
        if (schema == null || schema.isEmpty()) {
            return read(connection);
        }
        return read(connection, schema, List.copyOf(tables));
    }

    /** Reads a named schema or database; the connection stays open. */
    public SchemaSnapshot read(Connection connection, String schema) throws SQLException {
        return read(connection, schema, List.of());
    }

    private SchemaSnapshot read(Connection connection, String schema, List<String> scope) throws SQLException {
        if (!scope.isEmpty() && !(dialect instanceof PostgresDialect)
                && scope.stream().anyMatch(t -> t.codePoints().anyMatch(Character::isSupplementaryCodePoint))) {
            // MariaDB names hold the Basic Multilingual Plane only: no such table exists, and comparing the name
            // with information_schema's utf8mb3 columns would fail with a collation error instead
            List<String> storable = scope.stream()
                    .filter(t -> t.codePoints().noneMatch(Character::isSupplementaryCodePoint)).toList();
            SchemaSnapshot read = storable.isEmpty() ? null : read(connection, schema, storable);
            return new SchemaSnapshot(dialect.resourceFolder(), schema, read == null ? List.of() : read.tables(),
                    List.of(), List.of(), scope);
        }
        if (scope.size() > 1 && !(dialect instanceof PostgresDialect)) {
            // MariaDB looks information_schema up by one name at a time; a list would scan the whole database
            List<TableSchema> tables = new ArrayList<>();
            for (String table : scope) {
                tables.addAll(read(connection, schema, List.of(table)).tables());
            }
            return new SchemaSnapshot(dialect.resourceFolder(), schema, tables, List.of(), List.of(), scope);
        }
        Object[] filter = filter(connection, scope);
        Map<String, Long> rows = kept(query(connection, "tables", schema, filter, SchemaReader::tableRow));
        Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
        Map<String, List<IndexSchema>> indexes = new LinkedHashMap<>();
        Map<String, List<ConstraintSchema>> constraints = new LinkedHashMap<>();
        rows.keySet().forEach(t -> {
            columns.put(t, new ArrayList<>());
            indexes.put(t, new ArrayList<>());
            constraints.put(t, new ArrayList<>());
        });
        if (dialect instanceof PostgresDialect) {
            addPostgres(query(connection, "columns", schema, filter, SchemaReader::postgresColumnRow),
                    query(connection, "indexes", schema, filter, SchemaReader::postgresIndexRow),
                    query(connection, "constraints", schema, filter, SchemaReader::postgresConstraintRow),
                    columns, indexes, constraints);
        } else {
            readMariaDb(connection, schema, filter, columns, indexes, constraints);
        }
        List<TableSchema> tables = new ArrayList<>();
        rows.forEach((name, estimate) -> tables.add(new TableSchema(name, columns.get(name),
                sorted(indexes.get(name)), sortedConstraints(constraints.get(name)), estimate)));
        if (!scope.isEmpty()) {
            return new SchemaSnapshot(dialect.resourceFolder(), schema, tables, List.of(), List.of(), scope);
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
        return new SchemaSnapshot(dialect.resourceFolder(), schema, tables, views, sequences);
    }

    /** The two parameters of a table filter: NULL for every table, else the names (an array or a list text). */
    private Object[] filter(Connection connection, List<String> scope) throws SQLException {
        if (scope.isEmpty()) {
            return new Object[] {null, null};
        }
        Object names = dialect instanceof PostgresDialect ? connection.createArrayOf("text", scope.toArray())
                : scope.get(0);
        return new Object[] {names, names};
    }

    private <T> List<T> query(Connection connection, String name, String schema, Object[] filter,
                              io.dbopt.core.jdbc.RowMapper<T> mapper) throws SQLException {
        Object[] params = filter == null ? new Object[] {schema} : new Object[] {schema, filter[0], filter[1]};
        return Jdbc.query(connection, timeout, SqlResource.load(MODULE, dialect, name), mapper, params);
    }

    /**
     * A scoped read on PostgreSQL in one round trip: the current schema and the tables, columns, indexes and
     * constraints queries, each restricted to {@code current_schema()}, sent as one multi-statement execute (the
     * driver sends them together and waits once). The result is the same as four queries after a
     * {@code SELECT current_schema()}.
     */
    private SchemaSnapshot readPostgresScoped(Connection connection, List<String> scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT current_schema()");
        for (String name : List.of("tables", "columns", "indexes", "constraints")) {
            String q = SqlResource.load(MODULE, dialect, name).strip();
            int at = q.indexOf(SCHEMA_FILTER);
            if (at < 0 || q.indexOf(SCHEMA_FILTER, at + 1) >= 0 || q.endsWith(";")) {
                throw new IllegalStateException("The catalog query " + name + " of the migration module must filter"
                        + " the schema once with '" + SCHEMA_FILTER + "' and not end with ';' to be read in one round"
                        + " trip: fix io/dbopt/migration/sql/postgresql/" + name + ".sql");
            }
            sql.append(";\n").append(q, 0, at).append("n.nspname = current_schema()")
                    .append(q, at + SCHEMA_FILTER.length(), q.length());
        }
        Array names = connection.createArrayOf("text", scope.toArray());
        try (java.sql.PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 1; i <= 8; i++) {
                ps.setObject(i, names);
            }
            ps.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            ps.execute();
            String schema = firstString(next(ps, 0));
            List<Object[]> tableRows = rows(next(ps, 1), SchemaReader::tableRow);
            List<Object[]> columnRows = rows(next(ps, 2), SchemaReader::postgresColumnRow);
            List<Object[]> indexRows = rows(next(ps, 3), SchemaReader::postgresIndexRow);
            List<Object[]> constraintRows = rows(next(ps, 4), SchemaReader::postgresConstraintRow);
            if (schema == null || schema.isEmpty()) {
                return read(connection); // no current schema: fails as the unscoped read does
            }
            Map<String, Long> rows = kept(tableRows);
            Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
            Map<String, List<IndexSchema>> indexes = new LinkedHashMap<>();
            Map<String, List<ConstraintSchema>> constraints = new LinkedHashMap<>();
            rows.keySet().forEach(t -> {
                columns.put(t, new ArrayList<>());
                indexes.put(t, new ArrayList<>());
                constraints.put(t, new ArrayList<>());
            });
            addPostgres(columnRows, indexRows, constraintRows, columns, indexes, constraints);
            List<TableSchema> tables = new ArrayList<>();
            rows.forEach((name, estimate) -> tables.add(new TableSchema(name, columns.get(name),
                    sorted(indexes.get(name)), sortedConstraints(constraints.get(name)), estimate)));
            return new SchemaSnapshot(dialect.resourceFolder(), schema, tables, List.of(), List.of(), scope);
        } finally {
            names.free();
        }
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

    /** The {@code index}-th result set of a multi-statement execute (0 is the one {@code execute} left current). */
    private static ResultSet next(java.sql.PreparedStatement ps, int index) throws SQLException {
        if (index > 0 && !ps.getMoreResults()) {
            throw new SQLException("The scoped catalog read returned no result " + (index + 1) + " of 5");
        }
        ResultSet rs = ps.getResultSet();
        if (rs == null) {
            throw new SQLException("The scoped catalog read returned no result " + (index + 1) + " of 5");
        }
        return rs;
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
                                    Map<String, List<ColumnSchema>> columns, Map<String, List<IndexSchema>> indexes,
                                    Map<String, List<ConstraintSchema>> constraints) {
        for (Object[] r : columnRows) {
            addTo(columns, (String) r[0], (ColumnSchema) r[1]);
        }
        for (Object[] r : indexRows) {
            addTo(indexes, (String) r[0], (IndexSchema) r[1]);
        }
        for (Object[] r : constraintRows) {
            addTo(constraints, (String) r[0], (ConstraintSchema) r[1]);
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

    private void readMariaDb(Connection connection, String schema, Object[] filter,
                             Map<String, List<ColumnSchema>> columns,
                             Map<String, List<IndexSchema>> indexes, Map<String, List<ConstraintSchema>> constraints)
            throws SQLException {
        for (Object[] r : query(connection, "columns", schema, filter, rs -> new Object[] {rs.getString(1), mariaDbColumn(rs)})) {
            addTo(columns, (String) r[0], (ColumnSchema) r[1]);
        }
        Map<String, Map<String, List<String>>> indexColumns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        for (Object[] r : query(connection, "indexes", schema, filter, rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getBoolean(3), rs.getString(5), rs.getObject(6)})) {
            String column = r[4] == null ? (String) r[3] : r[3] + "(" + r[4] + ")";
            indexColumns.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent((String) r[1], k -> new ArrayList<>()).add(column);
            unique.put(r[0] + "\u0000" + r[1], (Boolean) r[2]);
        }
        indexColumns.forEach((table, byName) -> byName.forEach((name, cols) -> {
            if (name.equals("PRIMARY")) {
                addTo(constraints, table, ConstraintSchema.primaryKey("PRIMARY", cols));
            } else {
                addTo(indexes, table, IndexSchema.of(name, cols, unique.get(table + "\u0000" + name)));
            }
        }));
        Map<String, String> deleteRules = new LinkedHashMap<>();
        for (String[] r : query(connection, "delete-rules", schema, filter, rs -> new String[] {rs.getString(1),
                rs.getString(2), rs.getString(3)})) {
            deleteRules.put(r[0] + "\u0000" + r[1], r[2]);
        }
        Map<String, Object[]> foreignKeys = new LinkedHashMap<>();
        for (Object[] r : query(connection, "foreign-keys", schema, filter, rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5),
                deleteRules.get(rs.getString(1) + "\u0000" + rs.getString(2))})) {
            Object[] fk = foreignKeys.computeIfAbsent(r[0] + "\u0000" + r[1],
                    k -> new Object[] {r[0], r[1], new ArrayList<String>(), r[3], new ArrayList<String>(), r[5]});
            cast(fk[2]).add((String) r[2]);
            cast(fk[4]).add((String) r[4]);
        }
        for (Object[] fk : foreignKeys.values()) {
            addTo(constraints, (String) fk[0], new ConstraintSchema((String) fk[1], ConstraintSchema.Type.FOREIGN_KEY,
                    cast(fk[2]), Optional.of((String) fk[3]), cast(fk[4]), Optional.ofNullable((String) fk[5]),
                    Optional.empty(), true, ""));
        }
        for (Object[] r : query(connection, "checks", schema, filter, rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getString(3)})) {
            addTo(constraints, (String) r[0], new ConstraintSchema((String) r[1], ConstraintSchema.Type.CHECK, List.of(),
                    Optional.empty(), List.of(), Optional.empty(), Optional.ofNullable((String) r[2]), true, ""));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object list) {
        return (List<String>) list;
    }

    private static ColumnSchema mariaDbColumn(ResultSet rs) throws SQLException {
        String type = TypeNames.normalise("mariadb", rs.getString(3));
        String rawDefault = rs.getString(5);
        Optional<String> defaultExpr = rawDefault == null || rawDefault.equalsIgnoreCase("NULL") ? Optional.empty()
                : Optional.of(rawDefault);
        String extra = Optional.ofNullable(rs.getString(6)).orElse("").toLowerCase(Locale.ROOT);
        ColumnSchema.Generation generation = extra.contains("auto_increment") ? ColumnSchema.Generation.AUTO_INCREMENT
                : ColumnSchema.Generation.NONE;
        return new ColumnSchema(rs.getString(2), type, rs.getBoolean(4), defaultExpr, generation);
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

    private static List<IndexSchema> sorted(List<IndexSchema> list) {
        return list.stream().sorted(java.util.Comparator.comparing(IndexSchema::name)).toList();
    }

    private static List<ConstraintSchema> sortedConstraints(List<ConstraintSchema> list) {
        return list.stream().sorted(java.util.Comparator.comparing(ConstraintSchema::name)).toList();
    }
}
