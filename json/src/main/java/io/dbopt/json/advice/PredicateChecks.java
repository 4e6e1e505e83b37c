package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.WorkloadEntry;
import io.dbopt.json.JsonIndexCandidate;
import io.dbopt.json.JsonOperator;
import io.dbopt.json.JsonRewriteResult;
import io.dbopt.json.advice.UsageAnalysis.Occurrence;
import io.dbopt.query.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The findings about a workload's JSON predicates: {@code json.unserved-predicate} (no index serves them; the fix
 * creates the candidate), {@code json.function-form} (a function no index can serve where its operator would be),
 * {@code json.generated-column-unused} (MariaDB: an indexed generated column holds the expression but statements
 * do not name it), {@code json.use-jsonb} (json columns queried as documents) and {@code json.hidden-path}
 * (normalised statistics hide the paths). Statements appear as fingerprints, values masked. Stateless.
 */
public final class PredicateChecks {

    /** Tables under this many rows are read whole faster than through an index: their findings are INFO. */
    static final long SMALL_TABLE = 1000;

    private PredicateChecks() {
    }

    /**
     * The findings.
     *
     * @param rewrite the path optimizer's rewrite of a statement
     */
    public static List<Finding> check(UsageAnalysis analysis, JsonCatalog catalog,
                                      List<JsonIndexCandidate> candidates,
                                      Function<String, JsonRewriteResult> rewrite) {
        Dialect d = catalog.dialect();
        SqlAnalyzer analyzer = SqlAnalyzer.forDialect(d);
        List<Finding> out = new ArrayList<>();
        List<WorkloadEntry> entries = analysis.entries();
        for (JsonIndexCandidate c : candidates) {
            long calls = c.servedStatements().stream().mapToLong(s -> entries.get(s).calls()).sum();
            long rows = catalog.column(c.table(), c.column()).map(JsonCatalog.Column::tableRows).orElse(0L);
            Finding.Builder f = Finding.builder("json.unserved-predicate", rows < SMALL_TABLE ? Severity.INFO
                            : Severity.WARNING)
                    .object(DbObject.column(d.quote(c.table()), d.quote(c.column())))
                    .message(c.servedStatements().size() + " statement(s) (" + calls + " executions) use "
                            + describe(c) + " and no index serves them")
                    .evidence("executions", calls).evidence("statements", c.servedStatements().size())
                    .evidence("table_rows", rows).evidence("candidate", c.kind().name().toLowerCase());
            c.distinctValues().ifPresent(v -> f.evidence("distinct_values_sampled", v));
            // one owner for index advice: on PostgreSQL the index advisor costs and ranks the candidate (it is in its
            // recommendations); MariaDB's generated columns cannot be costed before they exist, so the DDL is here
            out.add(f.fix(d instanceof PostgresDialect
                    ? Fix.advice(c.reason() + ". The index advisor (IndexManager.recommend, the doctor's Indexes "
                    + "section) costs this candidate against the workload and recommends it when it pays off: "
                    + String.join("; ", c.ddl()))
                    : Fix.sql(c.reason() + ". Not costed beforehand: MariaDB cannot plan with a column that does not "
                    + "exist yet", c.ddl().toArray(String[]::new))).build());
        }
        Map<Integer, Set<String>> rewritten = new LinkedHashMap<>();
        for (Occurrence o : analysis.occurrences()) {
            JsonOperator op = o.predicate().operator();
            boolean functionForm = op == JsonOperator.JSONPATH_FUNCTION || op == JsonOperator.EXISTS_FUNCTION;
            boolean generatedExists = op == JsonOperator.JSON_VALUE && !(d instanceof PostgresDialect)
                    && !catalog.generated(o.column().table()).isEmpty();
            if ((functionForm || generatedExists)
                    && rewritten.computeIfAbsent(o.statement(), s -> new LinkedHashSet<>()).add(op.name())) {
                JsonRewriteResult r = rewrite.apply(entries.get(o.statement()).sql());
                if (!r.changed()) {
                    continue;
                }
                out.add(Finding.builder(functionForm ? "json.function-form" : "json.generated-column-unused",
                                Severity.WARNING)
                        .object(DbObject.column(d.quote(o.column().table()), d.quote(o.column().column())))
                        .message(functionForm ? "A statement calls " + op.name().toLowerCase().replace('_', ' ')
                                + " on " + o.column().column() + ", which no index can serve; its operator form "
                                + "can use a GIN index" : "A statement reads " + o.column().column() + " with "
                                + "JSON_VALUE although an indexed generated column holds that value; MariaDB uses "
                                + "the index only when the statement names the column")
                        .evidence("executions", entries.get(o.statement()).calls())
                        .evidence("statement", analyzer.fingerprint(entries.get(o.statement()).sql()))
                        .fix(Fix.advice("Rewrite the statement (results stay identical: " + r.applied().get(0)
                                .reason() + "): " + analyzer.fingerprint(r.sql())))
                        .build());
            }
        }
        out.addAll(useJsonb(analysis, catalog));
        long hidden = analysis.occurrences().stream().filter(o -> !o.predicate().path().known()).count();
        if (hidden > 0) {
            out.add(Finding.builder("json.hidden-path", Severity.INFO).object(DbObject.of(
                            io.dbopt.core.finding.ObjectType.DATABASE, "workload"))
                    .message(hidden + " JSON predicate(s) compare a path that statement normalisation hides "
                            + "(col ->> $1): dbopt cannot say which index would serve them")
                    .evidence("predicates", hidden)
                    .fix(Fix.advice("Give the statements with their paths (Workload.of(sql...)) to get index advice "
                            + "for them"))
                    .build());
        }
        return out;
    }

    private static String describe(JsonIndexCandidate c) {
        return switch (c.kind()) {
            case GIN, GIN_PATH_OPS -> "containment, key existence or jsonpath operators on " + c.column();
            case GENERATED_COLUMN -> "JSON_VALUE(" + c.column() + ", '" + c.path().sqlJson() + "')";
            default -> c.column() + " path " + c.path() + (c.predicate().isEmpty() ? "" : " among rows where "
                    + c.predicate());
        };
    }

    private static List<Finding> useJsonb(UsageAnalysis analysis, JsonCatalog catalog) {
        Dialect d = catalog.dialect();
        if (!(d instanceof PostgresDialect)) {
            return List.of();
        }
        Map<String, long[]> calls = new LinkedHashMap<>();
        Map<String, JsonCatalog.Column> columns = new LinkedHashMap<>();
        for (Occurrence o : analysis.occurrences()) {
            if (o.column().type().equals("json")) {
                String key = o.column().table() + "." + o.column().column();
                columns.put(key, o.column());
                calls.computeIfAbsent(key, k -> new long[1])[0] += analysis.entries().get(o.statement()).calls();
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, JsonCatalog.Column> e : columns.entrySet()) {
            JsonCatalog.Column c = e.getValue();
            String table = d.quote(c.table());
            String column = d.quote(c.column());
            out.add(Finding.builder("json.use-jsonb", Severity.WARNING)
                    .object(DbObject.column(table, column))
                    .message("Column " + c.table() + "." + c.column() + " is json and queried as a document: every "
                            + "read parses the text again, and no GIN index or containment operator works on json")
                    .evidence("executions", calls.get(e.getKey())[0]).evidence("table_rows", c.tableRows())
                    .fix(Fix.sql("Store it as jsonb. ALTER ... TYPE rewrites the table under an ACCESS EXCLUSIVE "
                            + "lock: on a large table add a jsonb column, copy in chunks, then swap the names. jsonb "
                            + "keeps the last of duplicate keys and drops white space and key order",
                            "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE jsonb USING " + column
                                    + "::jsonb"))
                    .build());
        }
        return out;
    }
}
