package io.dbopt.index.whatif;

import io.dbopt.core.Dialect;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.index.WhatIfMethod;
import io.dbopt.index.workload.ColumnPredicate;
import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.Placeholders;
import io.dbopt.index.workload.TableAccess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.statement.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB what-if costing without hypothetical indexes: the current plan comes from {@code EXPLAIN FORMAT=JSON}; a
 * candidate's plan is the same plan with the candidate's table read through it, its rows estimated from the table's
 * rows and the distinct values of the leading columns the statement pins (equality, IN, a join key when the table
 * is not first), and optionally moved to the front of its loop. A what-if drop explains the statement with an
 * {@code IGNORE INDEX} hint, which affects that statement only, unlike {@code ALTER INDEX ... IGNORED}.
 */
final class MariaDbWhatIf implements WhatIfEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbWhatIf.class);
    /** Share of rows a range predicate is assumed to keep, as PostgreSQL's default inequality selectivity. */
    private static final double RANGE_SELECTIVITY = 0.3;
    /** Values an IN list is assumed to hold when the digest hides them. */
    private static final double IN_VALUES = 3;
    /**
     * Sequential-row equivalents of reading one row through a secondary index: an index entry, then a lookup in the
     * clustered primary key. It is why a range keeping a third of the table is cheaper to scan whole.
     */
    private static final double LOOKUP_COST = 3;
    /** Rows a LIMIT is assumed to ask for; digests hide the number. */
    private static final double ASSUMED_LIMIT = 100;
    /** Bytes per InnoDB secondary index entry besides the key: primary key (8), record header and page directory. */
    private static final double ENTRY_OVERHEAD = 8 + 14;

    private final Connection connection;
    private final Dialect dialect;
    private final IndexOptions options;
    private final ColumnStatistics statistics;

    MariaDbWhatIf(Connection connection, Dialect dialect, IndexOptions options, ColumnStatistics statistics) {
        this.connection = connection;
        this.dialect = dialect;
        this.options = options;
        this.statistics = statistics;
    }

    @Override
    public WhatIfMethod method() {
        return WhatIfMethod.ROW_ESTIMATE;
    }

    @Override
    public Optional<Explainable> prepare(String sql, QueryShape shape) {
        String text = Placeholders.fromDigest(sql.strip());
        if (Placeholders.hasStatementSeparator(text, dialect)) {
            return Optional.empty();
        }
        if (Placeholders.questionMarkCount(text, dialect) == 0) {
            return Optional.of(new Explainable(text, 0, shape));
        }
        return new ParameterFiller(statistics, shape).fill(text).map(s -> new Explainable(s.toString(), 0, shape));
    }

    @Override
    public List<Double> costs(List<Explainable> statements) throws SQLException {
        List<Double> costs = new ArrayList<>();
        for (Explainable s : statements) {
            costs.add(plan(s.sql()).map(MariaDbPlan::cost).orElse(Double.NaN));
        }
        return costs;
    }

    @Override
    public Evaluation withIndexes(List<IndexDefinition> indexes, List<Explainable> statements) throws SQLException {
        if (indexes.stream().anyMatch(i -> i.method() != IndexMethod.BTREE)) {
            return Evaluation.unavailable(statements.size(), "MariaDB has no GIN indexes");
        }
        List<Double> costs = new ArrayList<>();
        for (Explainable s : statements) {
            Optional<MariaDbPlan> plan = plan(s.sql());
            costs.add(plan.map(p -> estimate(p, s.shape(), indexes)).orElse(Double.NaN));
        }
        long size = 0;
        for (IndexDefinition index : indexes) {
            double width = index.columns().stream().mapToDouble(c -> statistics.averageWidth(index.table(), c)).sum();
            size += (long) (statistics.rows(index.table()) * (width + ENTRY_OVERHEAD) * 1.1);
        }
        return new Evaluation(WhatIfMethod.ROW_ESTIMATE, costs, size, "");
    }

    @Override
    public Evaluation withoutIndex(TableName table, String index, List<Explainable> statements) throws SQLException {
        List<Double> costs = new ArrayList<>();
        for (Explainable s : statements) {
            Optional<Statement> parsed = new ParameterFiller(statistics, s.shape()).fill(s.sql());
            if (parsed.isEmpty()) {
                costs.add(Double.NaN);
                continue;
            }
            ParameterFiller.ignoreIndex(parsed.get(), table.name(), dialect.quote(index));
            costs.add(plan(parsed.get().toString()).map(MariaDbPlan::cost).orElse(Double.NaN));
        }
        return new Evaluation(WhatIfMethod.INDEX_HINT, costs, 0, "");
    }

    private Optional<MariaDbPlan> plan(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN FORMAT=JSON " + sql)) {
            ps.setQueryTimeout((int) Math.max(1, options.statementTimeout().toSeconds()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(MariaDbPlan.parse(PlanJson.readMariaDb(rs.getString(1))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            if (io.dbopt.core.SqlErrors.classify(e).connectionBroken()) {
                throw e;
            }
            LOG.debug("index - cannot explain a workload statement ({}, error {}): {}",
                    io.dbopt.core.SqlErrors.classify(e), e.getErrorCode(), Placeholders.normalize(sql, dialect, 120));
            return Optional.empty();
        }
    }

    /** Rows read with the indexes in place, by the row model described on the class. */
    double estimate(MariaDbPlan plan, QueryShape shape, List<IndexDefinition> indexes) {
        MariaDbPlan best = plan;
        for (int pass = 0; pass < 2; pass++) { // a reordering by one index can let another serve a join key
            for (IndexDefinition index : indexes) {
                for (TableAccess access : shape.tables()) {
                    if (access.table().equals(index.table())) {
                        best = apply(best, access, index);
                    }
                }
            }
        }
        return best.cost();
    }

    private MariaDbPlan apply(MariaDbPlan plan, TableAccess access, IndexDefinition index) {
        MariaDbPlan best = plan;
        List<List<MariaDbPlan.Access>> loops = plan.loops();
        for (int l = 0; l < loops.size(); l++) {
            List<MariaDbPlan.Access> loop = loops.get(l);
            for (int p = 0; p < loop.size(); p++) {
                MariaDbPlan.Access a = loop.get(p);
                if (!a.alias().equalsIgnoreCase(access.alias())) {
                    continue;
                }
                // rows read through a secondary index cost LOOKUP_COST each; the rows returned stay as many
                double inPlace = rowsThrough(index, access, p > 0);
                if (inPlace > 0 && inPlace * LOOKUP_COST < a.rows()) {
                    List<MariaDbPlan.Access> changed = new ArrayList<>(loop);
                    changed.set(p, a.with(inPlace * LOOKUP_COST, Math.min(a.output(), inPlace)));
                    best = cheaper(best, plan.withLoop(l, changed));
                }
                double first = rowsThrough(index, access, false);
                if (p > 0 && first > 0) { // drive the loop from this table; cheaper() decides
                    List<MariaDbPlan.Access> moved = new ArrayList<>(loop);
                    moved.remove(p);
                    moved.add(0, a.with(first * LOOKUP_COST, Math.min(a.output(), first)));
                    best = cheaper(best, plan.withLoop(l, moved));
                }
            }
        }
        return best;
    }

    private static MariaDbPlan cheaper(MariaDbPlan a, MariaDbPlan b) {
        return b.cost() < a.cost() ? b : a;
    }

    /** Rows read per lookup through the index; 0 when the statement cannot seek into it. */
    private double rowsThrough(IndexDefinition index, TableAccess access, boolean joinKeysUsable) {
        double rows = statistics.rows(index.table());
        double selectivity = 1;
        int used = 0;
        for (String column : index.columns()) {
            List<ColumnPredicate> uses = access.predicates().stream()
                    .filter(p -> p.column().equalsIgnoreCase(column)).toList();
            double ndv = Math.max(1, statistics.distinctValues(index.table(), column));
            if (uses.stream().anyMatch(p -> p.kind() == io.dbopt.index.workload.PredicateKind.EQUALITY)) {
                selectivity /= ndv;
            } else if (uses.stream().anyMatch(p -> p.kind() == io.dbopt.index.workload.PredicateKind.IN)) {
                selectivity *= Math.min(1, IN_VALUES / ndv);
            } else if (joinKeysUsable
                    && uses.stream().anyMatch(p -> p.kind() == io.dbopt.index.workload.PredicateKind.JOIN)) {
                selectivity /= ndv;
            } else if (uses.stream().anyMatch(p -> p.kind() == io.dbopt.index.workload.PredicateKind.RANGE)) {
                selectivity *= RANGE_SELECTIVITY;
                used++;
                break;
            } else {
                break;
            }
            used++;
        }
        double seek = used == 0 ? 0 : Math.max(1, rows * selectivity);
        double ordered = orderedRead(index, access, rows);
        return seek == 0 ? ordered : ordered == 0 ? seek : Math.min(seek, ordered);
    }

    /**
     * Rows read when the index returns rows in the statement's ORDER BY order after its equality prefix, so a LIMIT
     * stops the scan early: the assumed limit divided by the share of rows the other filters keep.
     */
    private double orderedRead(IndexDefinition index, TableAccess access, double rows) {
        if (!access.limited() || access.orderBy().isEmpty()) {
            return 0;
        }
        double selectivity = 1;
        int k = 0;
        while (k < index.columns().size() && hasKind(access, index.columns().get(k),
                io.dbopt.index.workload.PredicateKind.EQUALITY)) {
            selectivity /= Math.max(1, statistics.distinctValues(index.table(), index.columns().get(k)));
            k++;
        }
        List<String> order = access.orderBy();
        if (index.columns().size() < k + order.size()) {
            return 0;
        }
        for (int i = 0; i < order.size(); i++) {
            if (!index.columns().get(k + i).equalsIgnoreCase(order.get(i))) {
                return 0;
            }
        }
        double others = 1;
        for (ColumnPredicate p : access.predicates()) {
            if (index.columns().subList(0, k).stream().anyMatch(c -> c.equalsIgnoreCase(p.column()))) {
                continue;
            }
            double ndv = Math.max(1, statistics.distinctValues(index.table(), p.column()));
            others *= switch (p.kind()) {
                case EQUALITY -> 1 / ndv;
                case IN -> Math.min(1, IN_VALUES / ndv);
                case RANGE -> RANGE_SELECTIVITY;
                default -> 1;
            };
        }
        return Math.max(1, Math.min(rows * selectivity, ASSUMED_LIMIT / Math.max(others, 1e-9)));
    }

    private static boolean hasKind(TableAccess access, String column, io.dbopt.index.workload.PredicateKind kind) {
        return access.predicates().stream().anyMatch(p -> p.kind() == kind && p.column().equalsIgnoreCase(column));
    }

    @Override
    public void close() {
        // nothing is created on the server: plans are read, hints are per statement
    }
}
