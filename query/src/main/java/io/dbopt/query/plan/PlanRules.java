package io.dbopt.query.plan;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Evidence;
import io.dbopt.core.finding.Fix;
import io.dbopt.query.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The insight rules over a {@link PlanNode} tree, one insight per kind and table at most. Thresholds come from the
 * analyzer's configuration. Stateless apart from its configuration; thread-safe.
 */
final class PlanRules {

    /**
     * When a plan shape becomes a problem.
     *
     * @param largeTableRows a table is large from this many rows
     * @param fewRowsFraction a scan keeping at most this fraction of the rows it reads keeps few
     * @param misestimateFactor an estimate off by this factor or more is a misestimate
     * @param largeOffset an OFFSET of this many rows or more is large
     * @param nestedLoopOuterRows a nested loop with an outer input of this many rows or more is large
     * @param discardRatio an index scan discarding this many rows per row kept discards most
     */
    record Thresholds(long largeTableRows, double fewRowsFraction, double misestimateFactor, long largeOffset,
                      long nestedLoopOuterRows, double discardRatio) {
    }

    private static final long MIN_INTERESTING_ROWS = 100;
    private static final long MIN_DISCARDED_ROWS = 1_000;

    private final Dialect dialect;
    private final boolean postgres;
    private final Thresholds limits;
    private final SqlAnalyzer analyzer;

    PlanRules(Dialect dialect, Thresholds limits) {
        this.dialect = dialect;
        this.postgres = dialect instanceof PostgresDialect;
        this.limits = limits;
        this.analyzer = SqlAnalyzer.forDialect(dialect);
    }

    /**
     * Finds the problems of a plan.
     *
     * @param offset the statement's OFFSET when known
     * @param hasLimit whether the statement has a LIMIT (scans under it may stop early: fewer actual rows than
     *     estimated is then no misestimate)
     */
    List<PlanInsight> insights(PlanNode root, TableStatistics stats, OptionalLong offset, boolean hasLimit) {
        Map<String, PlanInsight> found = new LinkedHashMap<>();
        walk(root, null, stats, hasLimit, found);
        misestimate(root, hasLimit, found);
        offset.ifPresent(o -> largeOffset(o, found));
        List<PlanInsight> list = new ArrayList<>(found.values());
        list.sort((a, b) -> b.kind().severity().compareTo(a.kind().severity()));
        return list;
    }

    private void walk(PlanNode node, PlanNode parent, TableStatistics stats, boolean hasLimit,
                      Map<String, PlanInsight> found) {
        if (postgres) {
            postgresNode(node, stats, found);
        } else {
            mariaNode(node, parent, found);
        }
        for (PlanNode child : node.children()) {
            walk(child, node, stats, hasLimit, found);
        }
        if (postgres && parent == null) {
            staleStatistics(node, stats, hasLimit, found);
        }
    }

    // ---- PostgreSQL --------------------------------------------------------------------------------------------

    private void postgresNode(PlanNode node, TableStatistics stats, Map<String, PlanInsight> found) {
        String type = node.type();
        if ((type.equals("Seq Scan") || type.equals("Parallel Seq Scan")) && !node.filter().isEmpty()) {
            TableStatistics.Table table = stats.get(node.relation());
            double read = node.analyzed() ? node.scannedTotal() : table == null ? 0 : table.rows();
            seqScan(node, read, found, "Sequential scan");
        } else if (type.contains("Sort") && node.spilledToDisk()) {
            add(found, InsightKind.SORT_SPILL, relationBelow(node), "Sort of " + rows(node.rowsTotal())
                    + " rows spilled to disk (" + node.detail() + ")", List.of(Evidence.of("rows", (long)
                    node.rowsTotal()), Evidence.of("sort", node.detail())),
                    Fix.advice("raise work_mem for this query (SET LOCAL work_mem) or add an index in ORDER BY order "
                            + "so that no sort is needed"));
        } else if (type.contains("Hash") && node.spilledToDisk()) {
            add(found, InsightKind.HASH_SPILL, relationBelow(node), type + " spilled to disk (" + node.detail()
                    + ")", List.of(Evidence.of("rows", (long) node.rowsTotal()), Evidence.of("detail", node.detail())),
                    Fix.advice("raise work_mem (or hash_mem_multiplier) for this query, or reduce the rows hashed"));
        } else if (type.equals("Nested Loop") && node.children().size() == 2) {
            double outer = node.children().get(0).rowsTotal();
            if (outer >= limits.nestedLoopOuterRows()) {
                PlanNode inner = node.children().get(1);
                String relation = relationBelow(inner);
                add(found, InsightKind.NESTED_LOOP_LARGE_OUTER, relation, "Nested loop runs its inner side ("
                        + inner.describe() + ") " + rows(outer) + " times, once per outer row",
                        List.of(Evidence.of("outer_rows", (long) outer)), joinFix(relation, node));
            }
        } else if (isIndexScan(type) && node.analyzed()) {
            double kept = node.rowsTotal();
            double discarded = node.scannedTotal() - kept;
            if (discarded >= MIN_DISCARDED_ROWS && discarded >= limits.discardRatio() * Math.max(1, kept)) {
                List<String> columns = new ArrayList<>(analyzer.comparedColumns(node.indexCondition()));
                analyzer.comparedColumns(node.filter()).stream().filter(c -> !columns.contains(c))
                        .forEach(columns::add);
                add(found, InsightKind.INDEX_SCAN_DISCARDS, node.relation(), type + " on " + node.relation()
                        + (node.index().isEmpty() ? "" : " using " + node.index()) + " reads " + rows(
                        node.scannedTotal()) + " rows and discards " + rows(discarded) + " with filter "
                        + node.filter(), List.of(Evidence.of("rows_read", (long) node.scannedTotal()),
                        Evidence.of("rows_discarded", (long) discarded), Evidence.of("filter", node.filter())),
                        columns.isEmpty() ? Fix.advice("extend the index with the filter's columns")
                                : Fix.sql("index the condition and the filter together",
                                IndexAdvice.createIndex(dialect, node.relation(), columns)));
            }
        } else if (type.equals("Limit") && node.analyzed() && node.children().size() == 1) {
            double skipped = node.children().get(0).rowsTotal() - node.rowsTotal();
            if (skipped >= limits.largeOffset()) {
                largeOffset((long) skipped, found);
            }
        }
    }

    private static boolean isIndexScan(String type) {
        return type.equals("Index Scan") || type.equals("Index Only Scan") || type.equals("Bitmap Heap Scan");
    }

    /**
     * Stale statistics on PostgreSQL. A full scan that ran tells the truth about a table's size, so when the plan
     * has one it is compared with the planner's row count; otherwise the collector's counters decide (more than
     * 50 + 20 % of the rows changed since ANALYZE). The counters alone can mislead right after a bulk load analysed
     * in the same session, whose inserts are counted after the ANALYZE.
     */
    private void staleStatistics(PlanNode root, TableStatistics stats, boolean hasLimit,
                                 Map<String, PlanInsight> found) {
        Map<String, Double> scanned = new LinkedHashMap<>();
        java.util.Set<String> relations = new java.util.LinkedHashSet<>();
        root.forEach(n -> {
            if (!n.relation().isEmpty()) {
                relations.add(n.relation());
            }
            if (n.analyzed() && (n.type().equals("Seq Scan") || n.type().equals("Parallel Seq Scan"))) {
                scanned.merge(n.relation(), n.scannedTotal(), Math::max);
            }
        });
        for (String relation : relations) {
            TableStatistics.Table t = stats.get(relation);
            if (t == null) {
                continue;
            }
            String why = null;
            if (!t.analyzed() && t.liveRows() > 0 || t.estimatedRows() < 0 && t.liveRows() > 0) {
                why = "were never gathered";
            } else if (scanned.containsKey(relation)) {
                double read = scanned.get(relation);
                double planned = Math.max(0, t.estimatedRows());
                boolean more = read > 1.2 * planned + 50;
                boolean fewer = !hasLimit && read < planned / 1.2 - 50;
                if (more || fewer) {
                    why = "are stale: the planner counts " + rows(planned) + " rows, a full scan read " + rows(read);
                }
            } else if (t.modifiedSinceAnalyze() > 50 + 0.2 * Math.max(0, t.estimatedRows())) {
                why = "are stale: " + t.modifiedSinceAnalyze() + " rows changed since the last ANALYZE";
            }
            if (why != null) {
                add(found, InsightKind.STALE_STATISTICS, relation, "Statistics of " + relation + " " + why
                        + ", so its row estimates cannot be trusted", List.of(Evidence.of("live_rows", t.liveRows()),
                        Evidence.of("estimated_rows", t.estimatedRows()),
                        Evidence.of("modified_since_analyze", t.modifiedSinceAnalyze())),
                        Fix.sql("gather statistics", IndexAdvice.analyze(dialect, relation)));
            }
        }
    }

    // ---- MariaDB -----------------------------------------------------------------------------------------------

    private void mariaNode(PlanNode node, PlanNode parent, Map<String, PlanInsight> found) {
        if (node.type().equals("table") && node.accessType().equals("ALL")) {
            double read = node.scannedTotal();
            if (!node.filter().isEmpty()) {
                seqScan(node, read, found, "Full table scan");
            }
            if (read >= limits.largeTableRows() && !found.containsKey(key(InsightKind.SEQ_SCAN_FEW_ROWS,
                    node.relation()))) {
                add(found, InsightKind.FULL_SCAN, node.relation(), "Reads all " + rows(read) + " rows of "
                        + node.relation(), List.of(Evidence.of("rows_read", (long) read)),
                        Fix.advice("add a WHERE clause an index can serve, or accept the scan if every row is needed"));
            }
            if (node.actualScannedRows().isPresent()) {
                double estimate = node.estimatedScannedRows();
                double actual = node.actualScannedRows().getAsDouble();
                if (Math.max(estimate, actual) >= MIN_DISCARDED_ROWS
                        && ratio(estimate, actual) >= limits.misestimateFactor()) {
                    add(found, InsightKind.STALE_STATISTICS, node.relation(), "Statistics of " + node.relation()
                            + " are stale: the optimizer expects " + rows(estimate) + " rows, the table has "
                            + rows(actual), List.of(Evidence.of("estimated_rows", (long) estimate),
                            Evidence.of("actual_rows", (long) actual)),
                            Fix.sql("gather statistics", IndexAdvice.analyze(dialect, node.relation())));
                }
            }
        } else if (node.type().equals("table") && node.analyzed() && !node.accessType().isEmpty()) {
            double read = node.scannedTotal();
            double kept = node.rowsTotal();
            if (read - kept >= MIN_DISCARDED_ROWS && read - kept >= limits.discardRatio() * Math.max(1, kept)) {
                List<String> columns = analyzer.comparedColumns(node.filter());
                add(found, InsightKind.INDEX_SCAN_DISCARDS, node.relation(), "Index access (" + node.accessType()
                        + ") on " + node.relation() + (node.index().isEmpty() ? "" : " using " + node.index())
                        + " reads " + rows(read) + " rows and discards " + rows(read - kept) + " with condition "
                        + node.filter(), List.of(Evidence.of("rows_read", (long) read),
                        Evidence.of("rows_discarded", (long) (read - kept)), Evidence.of("filter", node.filter())),
                        Fix.advice("extend the index " + node.index() + " with the condition's columns"
                                + (columns.isEmpty() ? "" : " " + columns)));
            }
        } else if (node.type().equals("filesort")) {
            double sorted = maxRowsBelow(node);
            add(found, InsightKind.FILESORT, relationBelow(node), "Sorts " + rows(sorted) + " rows with filesort"
                    + (node.detail().isEmpty() ? "" : " (" + node.detail() + ")"),
                    List.of(Evidence.of("rows", (long) sorted)),
                    Fix.advice("an index whose columns match the WHERE equality columns then the ORDER BY columns "
                            + "returns rows already sorted"));
        } else if (node.type().equals("temporary_table")) {
            double rows = maxRowsBelow(node);
            add(found, InsightKind.TEMPORARY_TABLE, relationBelow(node), "Builds a temporary table over "
                    + rows(rows) + " rows (GROUP BY, DISTINCT or ORDER BY on another table)",
                    List.of(Evidence.of("rows", (long) rows)),
                    Fix.advice("group or sort by the columns of one index, or pre-aggregate"));
        } else if (node.type().equals("block-nl-join") && parent != null) {
            blockNestedLoop(node, parent, found);
        }
    }

    private void blockNestedLoop(PlanNode node, PlanNode parent, Map<String, PlanInsight> found) {
        double outer = 1;
        for (PlanNode sibling : parent.children()) {
            if (sibling == node) {
                break;
            }
            if (sibling.type().equals("table")) {
                outer *= Math.max(1, sibling.rowsTotal());
            }
        }
        double inner = maxScannedBelow(node);
        if (outer * inner >= limits.nestedLoopOuterRows() * 1_000.0 || outer >= limits.nestedLoopOuterRows()) {
            String relation = relationBelow(node);
            add(found, InsightKind.NESTED_LOOP_LARGE_OUTER, relation, "Joins " + relation
                    + " without an index (block nested loop): " + rows(outer) + " outer rows against " + rows(inner)
                    + " rows read", List.of(Evidence.of("outer_rows", (long) outer),
                    Evidence.of("inner_rows", (long) inner)), joinFix(relation, node));
        }
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private void seqScan(PlanNode node, double read, Map<String, PlanInsight> found, String what) {
        double returned = node.rowsTotal();
        if (read < limits.largeTableRows() || returned > Math.max(1, limits.fewRowsFraction() * read)) {
            return;
        }
        List<String> columns = analyzer.comparedColumns(node.filter());
        Fix fix = columns.isEmpty() ? Fix.advice("add an index that serves the filter " + node.filter())
                : Fix.sql("index the filter columns " + columns,
                IndexAdvice.createIndex(dialect, node.relation(), columns.subList(0, Math.min(3, columns.size()))));
        add(found, InsightKind.SEQ_SCAN_FEW_ROWS, node.relation(), what + " of " + node.relation() + " reads "
                + rows(read) + " rows to return " + rows(returned) + " (filter " + node.filter() + ")",
                List.of(Evidence.of("rows_read", (long) read), Evidence.of("rows_returned", (long) returned),
                        Evidence.of("filter", node.filter()), Evidence.of("index_columns", String.join(", ",
                                columns))), fix);
    }

    private void misestimate(PlanNode root, boolean hasLimit, Map<String, PlanInsight> found) {
        PlanNode[] worst = {null};
        double[] worstRatio = {0};
        root.forEach(n -> {
            if (!n.analyzed() || n.relation().isEmpty() && !n.type().contains("Join") && !n.type().equals("Nested Loop")) {
                return;
            }
            double estimate = n.estimatedRows();
            double actual = n.actualRows().getAsDouble();
            if (hasLimit && actual < estimate) {
                return; // a LIMIT above may have stopped the node early
            }
            double r = ratio(estimate, actual);
            if (Math.max(estimate, actual) >= MIN_INTERESTING_ROWS && r >= limits.misestimateFactor()
                    && r > worstRatio[0]) {
                worst[0] = n;
                worstRatio[0] = r;
            }
        });
        PlanNode n = worst[0];
        if (n == null) {
            return;
        }
        String relation = n.relation().isEmpty() ? relationBelow(n) : n.relation();
        List<String> columns = analyzer.comparedColumns(n.filter().isEmpty() ? n.indexCondition() : n.filter());
        Fix fix;
        if (postgres && columns.size() >= 2 && !relation.isEmpty()) {
            fix = Fix.sql("tell the planner the filter columns are correlated, then re-gather statistics",
                    "CREATE STATISTICS " + dialect.quote(IndexAdvice.indexName(dialect, relation, columns)
                            .replaceAll("_idx$", "_stats")) + " (dependencies, ndistinct) ON " + String.join(", ",
                            columns.stream().map(dialect::quote).toList()) + " FROM " + dialect.quote(relation),
                    IndexAdvice.analyze(dialect, relation));
        } else if (!relation.isEmpty()) {
            fix = Fix.sql("re-gather statistics" + (postgres ? "" : " with histograms"),
                    IndexAdvice.analyze(dialect, relation));
        } else {
            fix = Fix.advice("re-gather statistics of the tables involved");
        }
        add(found, InsightKind.ROW_MISESTIMATE, relation, n.describe() + " was estimated at "
                + rows(n.estimatedRows()) + " rows but returned " + rows(n.actualRows().getAsDouble()) + " ("
                + String.format(Locale.ROOT, "%.0f", worstRatio[0]) + "x off)",
                List.of(Evidence.of("estimated_rows", (long) n.estimatedRows()),
                        Evidence.of("actual_rows", (long) n.actualRows().getAsDouble()),
                        Evidence.of("factor", Math.round(worstRatio[0]))), fix);
    }

    private void largeOffset(long offset, Map<String, PlanInsight> found) {
        if (offset < limits.largeOffset() || found.containsKey(key(InsightKind.LARGE_OFFSET, ""))) {
            return;
        }
        // the offset is usually a bound value: report its order of magnitude only
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(offset)));
        add(found, InsightKind.LARGE_OFFSET, "", "An OFFSET of " + rows(magnitude) + " or more makes the server "
                + "read and discard that many rows before returning any", List.of(Evidence.of("offset_at_least",
                magnitude)),
                Fix.advice("paginate by key instead (keyset): WHERE sort_key > ? ORDER BY sort_key LIMIT n, "
                        + "binding the last key of the previous page"));
    }

    private Fix joinFix(String relation, PlanNode join) {
        String condition = !join.indexCondition().isEmpty() ? join.indexCondition() : join.filter();
        List<String> columns = new ArrayList<>();
        if (!relation.isEmpty()) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(relation.toLowerCase(Locale.ROOT)) + "\\.([a-z_][a-z0-9_]*)")
                    .matcher(condition);
            while (m.find()) {
                if (!columns.contains(m.group(1))) {
                    columns.add(m.group(1));
                }
            }
        }
        return columns.isEmpty() ? Fix.advice("index the join columns of the inner table, and check the row "
                + "estimates that led the planner to a nested loop")
                : Fix.sql("index the join column of " + relation, IndexAdvice.createIndex(dialect, relation,
                columns));
    }

    private static String relationBelow(PlanNode node) {
        String[] found = {""};
        node.forEach(n -> {
            if (found[0].isEmpty() && !n.relation().isEmpty()) {
                found[0] = n.relation();
            }
        });
        return found[0];
    }

    private static double maxRowsBelow(PlanNode node) {
        double[] max = {0};
        node.forEach(n -> max[0] = Math.max(max[0], n.type().equals("table") ? n.scannedTotal() : 0));
        return max[0];
    }

    private static double maxScannedBelow(PlanNode node) {
        double[] max = {0};
        node.forEach(n -> max[0] = Math.max(max[0], n.relation().isEmpty() ? 0 : n.scannedTotal()));
        return max[0];
    }

    private static double ratio(double a, double b) {
        return Math.max(a, b) / Math.max(1, Math.min(a, b));
    }

    private static String rows(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    private static String key(InsightKind kind, String relation) {
        return kind + "\u0000" + relation;
    }

    private static void add(Map<String, PlanInsight> found, InsightKind kind, String relation, String message,
                            List<Evidence> evidence, Fix fix) {
        found.putIfAbsent(key(kind, relation), new PlanInsight(kind, relation, message, evidence, fix));
    }
}
