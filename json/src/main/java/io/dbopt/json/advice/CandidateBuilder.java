package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.json.Comparison;
import io.dbopt.json.JsonIndexCandidate;
import io.dbopt.json.JsonIndexCandidate.Kind;
import io.dbopt.json.JsonOperator;
import io.dbopt.json.JsonPath;
import io.dbopt.json.JsonPredicate;
import io.dbopt.json.advice.UsageAnalysis.Occurrence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Index candidates for the JSON predicates of a workload. PostgreSQL (jsonb): GIN {@code jsonb_path_ops} when only
 * containment and jsonpath operators are used, GIN {@code jsonb_ops} when key existence is; B-tree expression indexes
 * on compared {@code ->>} paths with the cast the statements use (only immutable casts: numbers, booleans); partial
 * ones for statements that also compare a path with a constant. MariaDB: an invisible virtual generated column of
 * the path's {@code JSON_VALUE} (a text of the JSON column's collation, so comparisons stay identical) with a prefix
 * index. Candidates an existing index (or indexed generated column) already serves are left out. Stateless.
 */
public final class CandidateBuilder {

    /** Casts PostgreSQL accepts in an index expression over {@code ->>} text (immutable ones). */
    private static final Set<String> IMMUTABLE_CASTS = Set.of("numeric", "int", "integer", "int4", "bigint", "int8",
            "smallint", "int2", "real", "float4", "float8", "double precision", "boolean", "bool", "text");
    private static final Set<Comparison> SEEKS = EnumSet.of(Comparison.EQUALITY, Comparison.IN, Comparison.RANGE,
            Comparison.LIKE, Comparison.IS_NULL);
    private static final int PREFIX = 191;

    private CandidateBuilder() {
    }

    /** The candidates, in a stable order (GIN, expression, partial, generated). */
    public static List<JsonIndexCandidate> build(UsageAnalysis analysis, JsonCatalog catalog) {
        Dialect dialect = catalog.dialect();
        Map<String, List<Occurrence>> byColumn = new LinkedHashMap<>();
        for (Occurrence o : analysis.occurrences()) {
            byColumn.computeIfAbsent(o.column().table() + "\u0000" + o.column().column(), k -> new ArrayList<>())
                    .add(o);
        }
        List<JsonIndexCandidate> out = new ArrayList<>();
        for (List<Occurrence> column : byColumn.values()) {
            if (dialect instanceof PostgresDialect) {
                gin(column, catalog).ifPresent(out::add);
                out.addAll(expressions(column, catalog, analysis));
                out.addAll(partials(column, catalog));
            } else {
                out.addAll(generated(column, catalog, analysis));
            }
        }
        return out;
    }

    private static Optional<JsonIndexCandidate> gin(List<Occurrence> column, JsonCatalog catalog) {
        JsonCatalog.Column c = column.get(0).column();
        if (!c.type().equals("jsonb")) {
            return Optional.empty();
        }
        Set<Integer> keys = new TreeSet<>();
        Set<Integer> contain = new TreeSet<>();
        for (Occurrence o : column) {
            switch (o.predicate().operator()) {
                case KEY_EXISTS, ANY_KEY_EXISTS, ALL_KEYS_EXIST -> keys.add(o.statement());
                case CONTAINS, JSONPATH -> contain.add(o.statement());
                default -> {
                    // not served by GIN
                }
            }
        }
        String col = c.column().toLowerCase(Locale.ROOT);
        List<JsonCatalog.Index> gins = catalog.indexes(c.table()).stream()
                .filter(i -> i.method().equals("gin") && i.definition().contains("usinggin" + col)).toList();
        boolean anyGin = !gins.isEmpty();
        boolean defaultOps = gins.stream().anyMatch(i -> !i.definition().contains("jsonb_path_ops"));
        Dialect d = catalog.dialect();
        if (!keys.isEmpty() && !defaultOps) {
            Set<Integer> served = new TreeSet<>(keys);
            served.addAll(contain);
            return Optional.of(candidate(Kind.GIN, c, JsonPath.root(), Names.index(c.table(), c.column(), "gin"),
                    d.quote(c.column()), "", List.copyOf(served), OptionalLong.empty(), d, "Key existence (?, ?|, ?&) "
                    + "is served by GIN with the default jsonb_ops, which also serves containment and jsonpath"));
        }
        if (!contain.isEmpty() && !anyGin) {
            return Optional.of(candidate(Kind.GIN_PATH_OPS, c, JsonPath.root(), Names.index(c.table(), c.column(),
                    "path_gin"), d.quote(c.column()) + " jsonb_path_ops", "", List.copyOf(contain),
                    OptionalLong.empty(), d, "Only containment (@>) and jsonpath (@?, @@) are used: GIN with "
                    + "jsonb_path_ops serves them and is smaller and faster than jsonb_ops"));
        }
        return Optional.empty();
    }

    private static List<JsonIndexCandidate> expressions(List<Occurrence> column, JsonCatalog catalog,
                                                        UsageAnalysis analysis) {
        Map<String, List<Occurrence>> byKey = new LinkedHashMap<>();
        Dialect d = catalog.dialect();
        for (Occurrence o : column) {
            key(o.predicate(), d).ifPresent(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(o));
        }
        List<JsonIndexCandidate> out = new ArrayList<>();
        for (Map.Entry<String, List<Occurrence>> e : byKey.entrySet()) {
            JsonPredicate p = e.getValue().get(0).predicate();
            JsonCatalog.Column c = e.getValue().get(0).column();
            if (served(catalog, c.table(), e.getKey(), "")) {
                continue;
            }
            boolean likeOnly = e.getValue().stream().allMatch(o -> o.predicate().comparison() == Comparison.LIKE);
            String key = likeOnly ? e.getKey().substring(0, e.getKey().length() - 1) + " text_pattern_ops)"
                    : e.getKey();
            OptionalLong distinct = analysis.sample(c, p.path()).map(s -> OptionalLong.of(s.distinct()))
                    .orElse(OptionalLong.empty());
            out.add(candidate(Kind.EXPRESSION, c, p.path(), Names.index(c.table(), c.column() + "_"
                    + Names.path(p.path()), "idx"), key, "", statements(e.getValue()), distinct, d,
                    "Statements compare " + c.column() + " path " + p.path() + (p.cast().isEmpty() ? ""
                    : " as " + p.cast()) + "; a B-tree on that expression serves them (GIN does not serve ->>)"
                    + (p.cast().isEmpty() ? "" : ". Writes of a value that does not cast will fail once it exists")));
        }
        return out;
    }

    /** The index key (PostgreSQL) for a path comparison, or empty when none fits. */
    static Optional<String> key(JsonPredicate p, Dialect d) {
        if (!UsageAnalysis.isPathComparison(p) || !SEEKS.contains(p.comparison()) || !p.path().known()
                || p.path().steps().isEmpty()) {
            return Optional.empty();
        }
        if (!p.cast().isEmpty() && !IMMUTABLE_CASTS.contains(p.cast())) {
            return Optional.empty();
        }
        String expr = p.path().postgres(d, p.column(), p.operator() == JsonOperator.EXTRACT_TEXT);
        return Optional.of(p.cast().isEmpty() ? "((" + expr + "))" : "(((" + expr + ")::" + p.cast() + "))");
    }

    /** Whether a valid B-tree with this key (and this partial predicate, or none) exists. */
    private static boolean served(JsonCatalog catalog, String table, String key, String predicate) {
        String k = "usingbtree" + JsonCatalog.normalise(key);
        String where = predicate.isEmpty() ? "" : "where" + JsonCatalog.normalise(predicate);
        return catalog.indexes(table).stream().anyMatch(i -> i.method().equals("btree")
                && i.definition().contains(k) && (where.isEmpty() ? !i.definition().contains("where")
                : i.definition().contains(where)));
    }

    /** {@code (key of Q) WHERE (path P) = 'constant'} for statements comparing P with a constant and Q otherwise. */
    private static List<JsonIndexCandidate> partials(List<Occurrence> column, JsonCatalog catalog) {
        Dialect d = catalog.dialect();
        Map<String, JsonIndexCandidate> out = new LinkedHashMap<>();
        Map<Integer, List<Occurrence>> byStatement = new LinkedHashMap<>();
        column.forEach(o -> byStatement.computeIfAbsent(o.statement(), s -> new ArrayList<>()).add(o));
        for (Map.Entry<Integer, List<Occurrence>> s : byStatement.entrySet()) {
            for (Occurrence constant : s.getValue()) {
                JsonPredicate p = constant.predicate();
                if (p.comparison() != Comparison.EQUALITY || p.literal().isEmpty() || !p.cast().isEmpty()
                        || p.operator() != JsonOperator.EXTRACT_TEXT || !p.path().known()) {
                    continue;
                }
                for (Occurrence other : s.getValue()) {
                    Optional<String> key = key(other.predicate(), d);
                    if (other == constant || key.isEmpty() || other.predicate().path().equals(p.path())) {
                        continue;
                    }
                    String where = "(" + p.path().postgres(d, p.column(), true) + ") = '"
                            + p.literal().get().replace("'", "''") + "'";
                    String id = key.get() + " WHERE " + where;
                    JsonCatalog.Column c = constant.column();
                    if (served(catalog, c.table(), key.get(), where)) {
                        continue;
                    }
                    out.merge(id, candidate(Kind.PARTIAL, c, other.predicate().path(), Names.index(c.table(),
                                    c.column() + "_" + Names.path(other.predicate().path()), "part_idx"), key.get(),
                                    where, List.of(s.getKey()), OptionalLong.empty(), d, "Statements compare path "
                                    + other.predicate().path() + " among rows whose " + p.path() + " is a constant: a "
                                    + "partial index holds only those rows"),
                            (a, b) -> withStatements(a, b.servedStatements()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static List<JsonIndexCandidate> generated(List<Occurrence> column, JsonCatalog catalog,
                                                      UsageAnalysis analysis) {
        Dialect d = catalog.dialect();
        Map<String, List<Occurrence>> byExpression = new LinkedHashMap<>();
        for (Occurrence o : column) {
            JsonPredicate p = o.predicate();
            boolean text = p.operator() == JsonOperator.JSON_VALUE;
            if (!text || !p.cast().isEmpty() || !p.path().known() || p.path().steps().isEmpty()
                    || !EnumSet.of(Comparison.EQUALITY, Comparison.IN, Comparison.LIKE, Comparison.IS_NULL)
                    .contains(p.comparison())) {
                continue;
            }
            byExpression.computeIfAbsent(p.path().sqlJson(), k -> new ArrayList<>()).add(o);
        }
        List<JsonIndexCandidate> out = new ArrayList<>();
        for (Map.Entry<String, List<Occurrence>> e : byExpression.entrySet()) {
            JsonCatalog.Column c = e.getValue().get(0).column();
            String path = "'" + e.getKey().replace("\\", "\\\\").replace("'", "''") + "'";
            String expression = "JSON_VALUE(" + d.quote(c.column()) + ", " + path + ")";
            String normalised = io.dbopt.json.rewrite.GeneratedColumn.normalise(expression);
            if (catalog.generated(c.table()).stream().anyMatch(g -> g.expression().equals(normalised)
                    && g.indexed())) {
                continue; // exists: the statements need the rewrite, not a new index
            }
            JsonPath jsonPath = e.getValue().get(0).predicate().path();
            String name = Names.column(c.column(), jsonPath, n -> catalog.column(c.table(), n).isPresent()
                    || catalog.generated(c.table()).stream().anyMatch(g -> g.column().equalsIgnoreCase(n)));
            String index = Names.index(c.table(), name, "idx");
            String table = d.quote(c.table());
            List<String> ddl = List.of("ALTER TABLE " + table + " ADD COLUMN " + d.quote(name) + " LONGTEXT"
                            + (c.collation().isEmpty() ? "" : " COLLATE " + c.collation()) + " AS (" + expression
                            + ") VIRTUAL INVISIBLE, ALGORITHM=INSTANT",
                    "ALTER TABLE " + table + " ADD INDEX " + d.quote(index) + " (" + d.quote(name) + "(" + PREFIX
                            + ")), ALGORITHM=INPLACE, LOCK=NONE");
            OptionalLong distinct = analysis.sample(c, jsonPath).map(s -> OptionalLong.of(s.distinct()))
                    .orElse(OptionalLong.empty());
            out.add(new JsonIndexCandidate(Kind.GENERATED_COLUMN, c.table(), c.column(), jsonPath, index,
                    d.quote(name), "", ddl, statements(e.getValue()), distinct, "MariaDB has no expression indexes: "
                    + "an invisible virtual column of " + expression + " (same collation as " + c.column()
                    + ", so comparisons stay identical; invisible, so SELECT * and INSERT without a column list do "
                    + "not see it) with an index; statements must name the column (JsonPathOptimizer rewrites them)"));
        }
        return out;
    }

    private static JsonIndexCandidate candidate(Kind kind, JsonCatalog.Column c, JsonPath path, String name,
                                                String key, String predicate, List<Integer> statements,
                                                OptionalLong distinct, Dialect d, String reason) {
        String ddl = "CREATE INDEX CONCURRENTLY " + d.quote(name) + " ON " + d.quote(c.table())
                + (kind == Kind.GIN || kind == Kind.GIN_PATH_OPS ? " USING gin" : "") + " (" + key + ")"
                + (predicate.isEmpty() ? "" : " WHERE " + predicate);
        return new JsonIndexCandidate(kind, c.table(), c.column(), path, name, key, predicate, List.of(ddl),
                statements, distinct, reason);
    }

    private static JsonIndexCandidate withStatements(JsonIndexCandidate a, List<Integer> more) {
        Set<Integer> all = new TreeSet<>(a.servedStatements());
        all.addAll(more);
        return new JsonIndexCandidate(a.kind(), a.table(), a.column(), a.path(), a.name(), a.key(), a.predicate(),
                a.ddl(), List.copyOf(all), a.distinctValues(), a.reason());
    }

    private static List<Integer> statements(List<Occurrence> list) {
        return List.copyOf(new TreeSet<>(list.stream().map(Occurrence::statement).toList()));
    }
}
