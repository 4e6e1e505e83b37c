package io.dbopt.index.analysis;

import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.index.Workload;
import io.dbopt.index.WorkloadEntry;
import io.dbopt.index.workload.ColumnPredicate;
import io.dbopt.index.workload.ExpressionPredicate;
import io.dbopt.index.workload.PredicateKind;
import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.TableAccess;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Advice for predicates no B-tree index on the column serves, per dialect, each saying what changes in the query:
 * <ul>
 *   <li>{@code index.leading-wildcard}: {@code LIKE '%x%'} - a pg_trgm GIN index on PostgreSQL (the query stays as
 *       it is), a FULLTEXT index on MariaDB (the query changes to {@code MATCH ... AGAINST}, which matches words, not
 *       substrings);</li>
 *   <li>{@code index.functional-predicate} (MariaDB, which has no expression indexes):
 *       {@code LOWER(email) = ?} - a virtual generated column with an index, and the query filters that column.
 *       PostgreSQL's expression indexes go through the what-if validated recommendations instead.</li>
 * </ul>
 * These candidates are not costed by what-if (HypoPG has no trigram or full-text support, MariaDB cannot cost an
 * index on a column that does not exist yet): the evidence says so. Not thread-safe: one per analysis.
  *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class PatternAdvice {

    private final Connection connection;
    private final Catalog catalog;
    private final IndexOptions options;

    public PatternAdvice(Connection connection, Catalog catalog, IndexOptions options) {
        this.connection = connection;
        this.catalog = catalog;
        this.options = options;
    }

    /** One finding per table, column and kind of advice, with the calls of every statement it concerns. */
    public List<Finding> findings(Workload workload) throws SQLException {
        record Key(TableName table, String column, String check, String function) {
        }
        Map<Key, long[]> calls = new LinkedHashMap<>();
        Map<Key, String> example = new LinkedHashMap<>();
        boolean pg = catalog.dialect() instanceof PostgresDialect;
        for (WorkloadEntry entry : workload.entries()) {
            Optional<QueryShape> shape = catalog.shape(entry.sql());
            if (shape.isEmpty()) {
                continue;
            }
            for (TableAccess access : shape.get().tables()) {
                for (ColumnPredicate p : access.predicates(PredicateKind.PATTERN)) {
                    Key key = new Key(access.table(), p.column(), "index.leading-wildcard", "");
                    calls.computeIfAbsent(key, k -> new long[1])[0] += entry.calls();
                    example.putIfAbsent(key, entry.sql());
                }
                if (!pg) {
                    for (ExpressionPredicate p : access.expressionPredicates()) {
                        Key key = new Key(access.table(), p.column(), "index.functional-predicate", p.function());
                        calls.computeIfAbsent(key, k -> new long[1])[0] += entry.calls();
                        example.putIfAbsent(key, entry.sql());
                    }
                }
            }
        }
        boolean trigrams = pg && trigramsAvailable();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Key, long[]> e : calls.entrySet()) {
            Key k = e.getKey();
            Finding.Builder b = Finding.builder(k.check(), Severity.WARNING)
                    .object(DbObject.table(k.table().quoted(catalog.dialect())))
                    .evidence("table", k.table().quoted(catalog.dialect())).evidence("columns", k.column())
                    .evidence("calls", e.getValue()[0]).evidence("table_rows", catalog.rows(k.table()))
                    .evidence("statement", example.get(k))
                    .evidence("validated_by", "not costed: no what-if support for this index kind");
            out.add(k.check().equals("index.functional-predicate")
                    ? functional(b, k.table(), k.column(), k.function())
                    : pg ? trigram(b, k.table(), k.column(), trigrams) : fullText(b, k.table(), k.column()));
        }
        return out;
    }

    private Finding trigram(Finding.Builder b, TableName table, String column, boolean available) {
        String name = catalog.names().choose(table, List.of(column), "trgm_idx");
        String create = "CREATE INDEX CONCURRENTLY " + catalog.dialect().quote(name) + " ON "
                + table.quoted(catalog.dialect()) + " USING gin (" + catalog.dialect().quote(column)
                + " gin_trgm_ops)";
        b.message("Statements filter " + table.name() + "." + column + " with a LIKE pattern that starts with a "
                + "wildcard: no B-tree serves it, so each reads all " + catalog.rows(table) + " rows");
        return (available ? b.fix(Fix.sql("create a trigram index (pg_trgm); the query stays as it is: LIKE and "
                + "ILIKE '%x%' use it when the pattern has 3 or more characters besides the wildcards",
                "CREATE EXTENSION IF NOT EXISTS pg_trgm", create))
                : b.fix(Fix.advice("install the pg_trgm extension (postgresql-contrib) and create " + create
                        + "; the query stays as it is"))).build();
    }

    private Finding fullText(Finding.Builder b, TableName table, String column) {
        String name = catalog.names().choose(table, List.of(column), "ft");
        b.message("Statements filter " + table.name() + "." + column + " with a LIKE pattern that starts with a "
                + "wildcard: no index serves it, so each reads all " + catalog.rows(table) + " rows");
        return b.fix(Fix.sql("create a FULLTEXT index and change the query from " + column + " LIKE '%word%' to "
                + "MATCH(" + column + ") AGAINST ('word*' IN BOOLEAN MODE): full-text search matches words and word "
                + "prefixes (innodb_ft_min_token_size), not any substring, so check the results are what the "
                + "application wants; the first FULLTEXT index of a table rebuilds it (writes wait)",
                "ALTER TABLE " + table.quoted(catalog.dialect()) + " ADD FULLTEXT INDEX "
                        + catalog.dialect().quote(name) + " (" + catalog.dialect().quote(column) + ")")).build();
    }

    private Finding functional(Finding.Builder b, TableName table, String column, String function)
            throws SQLException {
        String type = Jdbc.queryFirst(connection, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?", rs -> rs.getString(1),
                table.schema(), table.name(), column).orElse("");
        String virtual = virtualName(column, function);
        String index = catalog.names().choose(table, List.of(virtual), "idx");
        String expression = function.toUpperCase(Locale.ROOT) + "(" + catalog.dialect().quote(column) + ")";
        b.message("Statements filter " + table.name() + " on " + expression + ": MariaDB cannot use an index on "
                + column + " for a function of it, so each reads all " + catalog.rows(table) + " rows");
        if (type.isEmpty() || !List.of("lower", "upper", "trim").contains(function)) {
            return b.fix(Fix.advice("add a virtual column AS (" + expression + ") with an index, and filter on that "
                    + "column in the query")).build();
        }
        return b.fix(Fix.sql("add a virtual generated column for " + expression + " with an index (online), and "
                + "change the query to filter " + virtual + " instead of " + expression,
                "ALTER TABLE " + table.quoted(catalog.dialect()) + " ADD COLUMN " + catalog.dialect().quote(virtual)
                        + " " + type + " AS (" + expression + ") VIRTUAL, ALGORITHM=INPLACE, LOCK=NONE",
                "ALTER TABLE " + table.quoted(catalog.dialect()) + " ADD INDEX " + catalog.dialect().quote(index)
                        + " (" + catalog.dialect().quote(virtual) + "), ALGORITHM=INPLACE, LOCK=NONE")).build();
    }

    private static String virtualName(String column, String function) {
        String name = column + "_" + function.toLowerCase(Locale.ROOT);
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private boolean trigramsAvailable() throws SQLException {
        return Jdbc.query(connection, options.statementTimeout(),
                "SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'pg_trgm'", rs -> 1).size() == 1;
    }
}
