package io.dbopt.bench.index;

import io.dbopt.core.Dialect;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.index.Workload;
import io.dbopt.index.WorkloadEntry;
import io.dbopt.index.whatif.Evaluation;
import io.dbopt.index.whatif.Explainable;
import io.dbopt.index.whatif.WhatIfEngine;
import io.dbopt.index.whatif.WhatIfEngines;
import io.dbopt.index.workload.ColumnPredicate;
import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.QueryShapes;
import io.dbopt.index.workload.TableAccess;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The baseline, after Dexter's published method (github.com/ankane/dexter): for each statement, hypothetical
 * single-column indexes on every column it filters, joins or sorts on, and two-column indexes on every ordered pair
 * of them; the cheapest is recommended when it lowers the statement's cost by at least 50 %. It runs on dbopt's
 * what-if engine (HypoPG on PostgreSQL when installed) so that both advisors are costed the same way; what differs is
 * the candidate generation and the selection.
 */
final class DexterBaseline {

    private static final double DEXTER_MIN_REDUCTION = 0.5;

    record Result(List<IndexDefinition> indexes, double costBefore, double costAfter) {
    }

    private DexterBaseline() {
    }

    static Result recommend(Connection connection, Dialect dialect, String schema, Workload workload)
            throws SQLException {
        BenchStatistics stats = new BenchStatistics(connection, dialect, schema);
        List<WorkloadEntry> entries = new ArrayList<>();
        List<Explainable> statements = new ArrayList<>();
        Set<IndexDefinition> chosen = new LinkedHashSet<>();
        try (WhatIfEngine engine = WhatIfEngines.open(connection, dialect, IndexOptions.defaults(), stats)) {
            for (WorkloadEntry entry : workload.entries()) {
                Optional<QueryShape> shape = QueryShapes.parse(entry.sql(), dialect, stats);
                Optional<Explainable> e = shape.isPresent() ? engine.prepare(entry.sql(), shape.get())
                        : Optional.empty();
                if (e.isPresent()) {
                    entries.add(entry);
                    statements.add(e.get());
                }
            }
            List<Double> before = engine.costs(statements);
            for (int i = 0; i < statements.size(); i++) {
                pick(engine, statements.get(i), before.get(i)).ifPresent(chosen::add);
            }
            List<Double> after = chosen.isEmpty() ? before
                    : engine.withIndexes(List.copyOf(chosen), statements).costs();
            double b = 0;
            double a = 0;
            for (int i = 0; i < statements.size(); i++) {
                if (!Double.isNaN(before.get(i))) {
                    b += entries.get(i).calls() * before.get(i);
                    a += entries.get(i).calls() * Math.min(before.get(i), Double.isNaN(after.get(i)) ? before.get(i)
                            : after.get(i));
                }
            }
            return new Result(List.copyOf(chosen), b, a);
        }
    }

    private static Optional<IndexDefinition> pick(WhatIfEngine engine, Explainable statement, double before)
            throws SQLException {
        if (Double.isNaN(before)) {
            return Optional.empty();
        }
        IndexDefinition best = null;
        double bestCost = before;
        for (IndexDefinition candidate : candidates(statement.shape())) {
            Evaluation ev = engine.withIndexes(List.of(candidate), List.of(statement));
            double cost = ev.costs().get(0);
            if (ev.isAvailable() && !Double.isNaN(cost) && cost < bestCost) {
                best = candidate;
                bestCost = cost;
            }
        }
        return best != null && bestCost <= (1 - DEXTER_MIN_REDUCTION) * before ? Optional.of(best) : Optional.empty();
    }

    private static List<IndexDefinition> candidates(QueryShape shape) {
        List<IndexDefinition> out = new ArrayList<>();
        for (TableAccess access : shape.tables()) {
            Set<String> columns = new LinkedHashSet<>();
            access.predicates().stream().map(ColumnPredicate::column).forEach(columns::add);
            columns.addAll(access.orderBy());
            TableName table = access.table();
            for (String a : columns) {
                out.add(IndexDefinition.btree(table, a));
                for (String b : columns) {
                    if (!a.equals(b)) {
                        out.add(IndexDefinition.btree(table, a, b));
                    }
                }
            }
        }
        return out;
    }
}
