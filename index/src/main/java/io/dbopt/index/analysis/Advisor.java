package io.dbopt.index.analysis;

import io.dbopt.core.Dialect;
import io.dbopt.index.DropImpact;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexKey;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.IndexRecommendation;
import io.dbopt.index.Recommendations;
import io.dbopt.index.StatementImpact;
import io.dbopt.index.TableName;
import io.dbopt.index.Workload;
import io.dbopt.index.WorkloadEntry;
import io.dbopt.index.analysis.Selection.Chosen;
import io.dbopt.index.analysis.Selection.Costed;
import io.dbopt.index.ddl.IndexCreation;
import io.dbopt.index.ddl.IndexDdl;
import io.dbopt.index.ddl.IndexNames;
import io.dbopt.index.spi.CandidateRequest;
import io.dbopt.index.spi.CandidateSource;
import io.dbopt.index.spi.ExtraCandidate;
import io.dbopt.index.whatif.Evaluation;
import io.dbopt.index.whatif.Explainable;
import io.dbopt.index.whatif.WhatIfEngine;
import io.dbopt.index.whatif.WhatIfEngines;
import io.dbopt.index.workload.Placeholders;
import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.TableAccess;
import io.dbopt.query.sql.StatementKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recommendation run over one connection: parse the workload, generate candidates, cost each alone with the
 * what-if engine, select greedily by calls-weighted cost saved net of the write penalty under the storage budget,
 * then cost the selection together. Not thread-safe; single use.
  *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class Advisor {

    private static final Logger LOG = LoggerFactory.getLogger(Advisor.class);
    private static final int DISPLAY_LENGTH = 160;
    /** Rounds of {@link #joinInteractions}: each may add one index. */
    private static final int MAX_INTERACTION_ROUNDS = 3;

    private final Connection connection;
    private final Dialect dialect;
    private final Catalog catalog;
    private final IndexOptions options;
    private final IndexInstruments instruments;
    private final IndexNames names;
    private final Map<IndexDefinition, String> refusals = new LinkedHashMap<>();
    /** Candidates from {@link CandidateSource}s, with the statements they are costed on. */
    private final Map<IndexDefinition, List<Stmt>> extra = new LinkedHashMap<>();

    /** A workload statement with its shape and, once prepared, its explainable form and current cost. */
    private static final class Stmt {
        final WorkloadEntry entry;
        final QueryShape shape;
        Explainable explainable;
        double baseline = Double.NaN;

        Stmt(WorkloadEntry entry, QueryShape shape) {
            this.entry = entry;
            this.shape = shape;
        }

        boolean usable() {
            return explainable != null && !Double.isNaN(baseline);
        }

        boolean touches(TableName table) {
            return shape.tables().stream().anyMatch(t -> t.table().equals(table));
        }

        String display(Dialect dialect) {
            return Placeholders.normalize(entry.sql(), dialect, DISPLAY_LENGTH);
        }
    }


    public Advisor(Connection connection, Catalog catalog, IndexOptions options, IndexInstruments instruments) {
        this.instruments = instruments;
        this.connection = connection;
        this.dialect = catalog.dialect();
        this.catalog = catalog;
        this.options = options;
        this.names = catalog.names();
    }

    public Recommendations recommend(Workload workload) throws SQLException {
        long start = System.nanoTime();
        List<Stmt> reads = new ArrayList<>();
        List<Stmt> writes = new ArrayList<>();
        int skipped = parse(workload, reads, writes);
        Map<IndexDefinition, String> candidates = candidates(reads);
        extraCandidates(workload, reads, candidates.keySet()).forEach((c, stmts) -> candidates.putIfAbsent(c,
                stmts.get(0).display(dialect)));
        try (WhatIfEngine engine = new CountedWhatIf(WhatIfEngines.open(connection, dialect, options, catalog),
                instruments)) {
            if (candidates.isEmpty()) {
                return Recommendations.none(engine.method(), skipped, elapsed(start));
            }
            skipped += prepare(engine, reads);
            List<Recommendations.Candidate> unvalidated = new ArrayList<>();
            List<Costed> costed = new ArrayList<>();
            for (Map.Entry<IndexDefinition, String> c : candidates.entrySet()) {
                Optional<Costed> result = cost(engine, c.getKey(), reads, writes);
                if (result.isPresent()) {
                    costed.add(result.get());
                } else if (refusals.containsKey(c.getKey())) {
                    IndexDefinition named = named(c.getKey());
                    unvalidated.add(new Recommendations.Candidate(named, named.table().quoted(dialect),
                            createStatement(named), c.getValue(), refusals.get(c.getKey())));
                }
            }
            double[] baseline = new double[reads.size()];
            long[] calls = new long[reads.size()];
            for (int i = 0; i < reads.size(); i++) {
                baseline[i] = reads.get(i).baseline;
                calls[i] = reads.get(i).entry.calls();
            }
            List<Chosen> chosen = new ArrayList<>(Selection.select(costed, baseline, calls, options));
            joinInteractions(engine, chosen, costed, reads);
            return result(engine, chosen, reads, unvalidated, skipped, start);
        }
    }

    private int parse(Workload workload, List<Stmt> reads, List<Stmt> writes) {
        int skipped = 0;
        for (WorkloadEntry entry : workload.entries()) {
            Optional<QueryShape> shape = catalog.shape(entry.sql());
            if (shape.isEmpty() || shape.get().tables().isEmpty()) {
                skipped++;
                continue;
            }
            Stmt stmt = new Stmt(entry, shape.get());
            if (shape.get().kind() != StatementKind.SELECT) {
                writes.add(stmt);
            }
            if (shape.get().kind() != StatementKind.INSERT
                    && shape.get().tables().stream().anyMatch(TableAccess::hasIndexableUse)) {
                reads.add(stmt);
            }
        }
        return skipped;
    }

    /** Candidates not served by an existing index, each with a statement it came from (for display). */
    private Map<IndexDefinition, String> candidates(List<Stmt> reads) {
        CandidateGenerator generator = new CandidateGenerator(catalog, options);
        Map<IndexDefinition, String> out = new LinkedHashMap<>();
        for (Stmt stmt : reads) {
            for (TableAccess access : stmt.shape.tables()) {
                if (catalog.rows(access.table()) < Catalog.UNSERVED_MIN_ROWS) {
                    continue; // read whole faster than through any index
                }
                for (IndexDefinition c : generator.candidates(access)) {
                    if (!served(c) && !(isCovering(c) && served(withoutInclude(c)))) {
                        out.putIfAbsent(c, stmt.display(dialect));
                    }
                }
            }
        }
        LOG.debug("index - {} candidate indexes from {} statements", out.size(), reads.size());
        return out;
    }

    /**
     * The candidates of every {@link CandidateSource} on the class path, each with the workload statements it names
     * (added to the reads when the advisor itself saw nothing to index in them); one with the shape of a candidate the
     * advisor generated itself is left out. A source that fails is logged and left out, unless the connection broke.
     */
    private Map<IndexDefinition, List<Stmt>> extraCandidates(Workload workload, List<Stmt> reads,
                                                             java.util.Set<IndexDefinition> own) throws SQLException {
        List<WorkloadEntry> entries = workload.entries();
        for (CandidateSource source : ServiceLoader.load(CandidateSource.class)) {
            List<ExtraCandidate> found;
            try {
                found = source.candidates(new CandidateRequest(connection, dialect, catalog.schema(), entries,
                        options.statementTimeout()));
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException sql && io.dbopt.core.SqlErrors.classify(sql).connectionBroken()) {
                    throw sql;
                }
                LOG.warn("index - candidate source {} failed ({}: {}); its candidates are left out of this run",
                        source.getClass().getName(), e.getClass().getSimpleName(),
                        io.dbopt.core.Redaction.redactDriverText(e));
                continue;
            }
            for (ExtraCandidate x : found) {
                if (catalog.rows(x.index().table()) < Catalog.UNSERVED_MIN_ROWS
                        || own.stream().anyMatch(o -> o.sameShapeAs(x.index()))) {
                    continue; // read whole faster than through any index, or already a candidate
                }
                List<Stmt> stmts = new ArrayList<>();
                for (int i : x.statements()) {
                    if (i >= 0 && i < entries.size()) {
                        statement(entries.get(i), reads).ifPresent(stmts::add);
                    }
                }
                if (!stmts.isEmpty() && !extra.containsKey(x.index())) {
                    extra.put(x.index(), stmts);
                    LOG.debug("index - candidate {} from {}", x.index().describe(), x.origin());
                }
            }
        }
        return extra;
    }

    /**
     * The read statement of an entry, parsed and added to the reads when it is not one yet. A SELECT the parser cannot
     * read (JDBC's {@code ??} operators, for one) gets an empty shape: EXPLAIN costs it all the same.
     */
    private Optional<Stmt> statement(WorkloadEntry entry, List<Stmt> reads) {
        for (Stmt s : reads) {
            if (s.entry == entry) {
                return Optional.of(s);
            }
        }
        Optional<QueryShape> shape = catalog.shape(entry.sql());
        if (shape.isEmpty() && io.dbopt.query.sql.SqlAnalyzer.forDialect(dialect).analyze(entry.sql()).kind()
                == io.dbopt.query.sql.StatementKind.SELECT) {
            shape = Optional.of(new QueryShape(entry.sql(), StatementKind.SELECT, List.of()));
        }
        if (shape.isEmpty() || shape.get().kind() == StatementKind.INSERT) {
            return Optional.empty();
        }
        Stmt stmt = new Stmt(entry, shape.get());
        reads.add(stmt);
        return Optional.of(stmt);
    }

    /**
     * Candidates that pay off only next to an index already chosen: a join's inner table needs an index on the join
     * key only once the outer table's filter has one, and costed alone neither lowers the join's cost enough. Join
     * statements are costed again with the chosen indexes plus each remaining candidate; the best is added while one
     * lowers a join statement's cost by the minimum share.
     */
    private void joinInteractions(WhatIfEngine engine, List<Chosen> chosen, List<Costed> costed, List<Stmt> reads)
            throws SQLException {
        List<Integer> joins = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).usable() && reads.get(i).shape.tables().size() > 1) {
                joins.add(i);
            }
        }
        List<Costed> remaining = new ArrayList<>(costed);
        chosen.forEach(c -> remaining.remove(c.costed()));
        for (int round = 0; round < MAX_INTERACTION_ROUNDS && !joins.isEmpty() && !chosen.isEmpty()
                && chosen.size() < options.maxRecommendations(); round++) {
            List<IndexDefinition> set = chosen.stream().map(c -> c.costed().index()).toList();
            long used = chosen.stream().mapToLong(c -> c.costed().size()).sum();
            List<Double> now = engine.withIndexes(set, explainables(joins, reads)).costs();
            Chosen best = null;
            double bestGain = 0;
            for (Costed c : remaining) {
                if (used + c.size() > options.storageBudgetBytes()) {
                    continue;
                }
                Map<Integer, double[]> marginal = withChosen(engine, set, c, joins, now, reads);
                double net = netGain(marginal, reads) - c.penalty();
                if (!marginal.isEmpty() && net > bestGain) {
                    best = new Chosen(c, marginal);
                    bestGain = net;
                }
            }
            if (best == null) {
                return;
            }
            chosen.add(best);
            remaining.remove(best.costed());
        }
    }

    /**
     * The join statements on the candidate's table whose cost falls with the candidate added to the chosen set:
     * statement to {before, after}; empty unless one falls by the minimum share.
     */
    private Map<Integer, double[]> withChosen(WhatIfEngine engine, List<IndexDefinition> set, Costed c,
                                              List<Integer> joins, List<Double> now, List<Stmt> reads)
            throws SQLException {
        List<Integer> relevant = joins.stream().filter(i -> reads.get(i).touches(c.index().table())).toList();
        Map<Integer, double[]> marginal = new LinkedHashMap<>();
        if (relevant.isEmpty()) {
            return marginal;
        }
        List<IndexDefinition> with = new ArrayList<>(set);
        with.add(c.index());
        List<Double> costs = engine.withIndexes(with, explainables(relevant, reads)).costs();
        boolean worthy = false;
        for (int k = 0; k < relevant.size(); k++) {
            int i = relevant.get(k);
            double before = now.get(joins.indexOf(i));
            double after = costs.get(k);
            if (!Double.isNaN(before) && !Double.isNaN(after) && after < before) {
                worthy |= before - after >= options.minCostReduction() * before;
                marginal.put(i, new double[] {before, after});
            }
        }
        return worthy ? marginal : Map.of();
    }

    private static double netGain(Map<Integer, double[]> marginal, List<Stmt> reads) {
        return marginal.entrySet().stream()
                .mapToDouble(e -> reads.get(e.getKey()).entry.calls() * (e.getValue()[0] - e.getValue()[1])).sum();
    }

    private static List<Explainable> explainables(List<Integer> indexes, List<Stmt> reads) {
        return indexes.stream().map(i -> reads.get(i).explainable).toList();
    }

    private boolean served(IndexDefinition candidate) {
        return catalog.indexes(candidate.table()).stream()
                .anyMatch(existing -> existing.serves(candidate, catalog.ignoreCase()));
    }

    /** A covering variant only upgrades lookups an existing index already seeks with; that is not worth its cost. */
    private static boolean isCovering(IndexDefinition c) {
        return !c.include().isEmpty();
    }

    private static IndexDefinition withoutInclude(IndexDefinition c) {
        return new IndexDefinition(c.table(), c.name(), c.columns(), List.of(), c.predicate(), c.unique(), c.method());
    }

    private int prepare(WhatIfEngine engine, List<Stmt> reads) throws SQLException {
        int skipped = 0;
        List<Explainable> explainables = new ArrayList<>();
        List<Stmt> prepared = new ArrayList<>();
        for (Stmt stmt : reads) {
            Optional<Explainable> e = engine.prepare(stmt.entry.sql(), stmt.shape);
            if (e.isPresent()) {
                stmt.explainable = e.get();
                explainables.add(e.get());
                prepared.add(stmt);
            } else {
                skipped++;
            }
        }
        List<Double> costs = engine.costs(explainables);
        for (int i = 0; i < prepared.size(); i++) {
            prepared.get(i).baseline = costs.get(i);
            if (Double.isNaN(costs.get(i))) {
                skipped++;
            }
        }
        return skipped;
    }

    private Optional<Costed> cost(WhatIfEngine engine, IndexDefinition candidate, List<Stmt> reads,
                                  List<Stmt> writes) throws SQLException {
        List<Integer> relevant = extra.containsKey(candidate) ? namedStatements(extra.get(candidate), reads)
                : relevant(candidate, reads);
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        Evaluation ev = engine.withIndexes(List.of(candidate), relevant.stream()
                .map(i -> reads.get(i).explainable).toList());
        if (!ev.isAvailable()) {
            refusals.put(candidate, ev.note());
            return Optional.empty();
        }
        Map<Integer, Double> costs = new LinkedHashMap<>();
        for (int k = 0; k < relevant.size(); k++) {
            double c = ev.costs().get(k);
            costs.put(relevant.get(k), Double.isNaN(c) ? reads.get(relevant.get(k)).baseline : c);
        }
        long size = ev.sizeBytes() > 0 ? ev.sizeBytes() : estimateSize(candidate);
        if (LOG.isDebugEnabled()) {
            LOG.debug("index - candidate {} ({}): {}", candidate.describe(), ev.method(), costs.entrySet().stream()
                    .map(e -> reads.get(e.getKey()).baseline + " -> " + e.getValue()).toList());
        }
        return Optional.of(new Costed(candidate, costs, size, penalty(candidate, writes), ev.method()));
    }

    /**
     * The statements a candidate can change: those that filter, join, sort or group its table on its leading column.
     * An added index never raises a plan's estimated cost, so the others need no EXPLAIN.
     */
    private List<Integer> relevant(IndexDefinition candidate, List<Stmt> reads) {
        String lead = IndexKey.column(candidate.columns().get(0));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            Stmt s = reads.get(i);
            if (s.usable() && s.shape.tables().stream().anyMatch(t -> t.table().equals(candidate.table())
                    && uses(t, lead))) {
                out.add(i);
            }
        }
        return out;
    }

    /** The positions in the reads of a source candidate's statements that can be explained. */
    private static List<Integer> namedStatements(List<Stmt> statements, List<Stmt> reads) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).usable() && statements.contains(reads.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private boolean uses(TableAccess access, String column) {
        java.util.function.Predicate<String> same = c -> catalog.ignoreCase() ? c.equalsIgnoreCase(column)
                : c.equals(column);
        return access.predicates().stream().anyMatch(p -> same.test(p.column()))
                || access.expressionPredicates().stream().anyMatch(p -> same.test(p.column()))
                || access.orderBy().stream().anyMatch(same) || access.groupBy().stream().anyMatch(same);
    }

    /** Write statements on the table times the per-write penalty; updates count only when they set a column. */
    private double penalty(IndexDefinition candidate, List<Stmt> writes) {
        double calls = 0;
        for (Stmt w : writes) {
            for (TableAccess t : w.shape.tables()) {
                if (!t.table().equals(candidate.table())) {
                    continue;
                }
                boolean counts = w.shape.kind() != StatementKind.UPDATE
                        || t.updatedColumns().stream().anyMatch(c -> candidate.columns().stream()
                        .map(IndexKey::column).anyMatch(c::equals)
                        || candidate.include().contains(c));
                if (counts) {
                    calls += w.entry.calls();
                }
            }
        }
        return calls * options.writePenalty();
    }

    private long estimateSize(IndexDefinition candidate) {
        double width = 16;
        for (String c : candidate.columns()) {
            width += catalog.averageWidth(candidate.table(), IndexKey.column(c));
        }
        for (String c : candidate.include()) {
            width += catalog.averageWidth(candidate.table(), c);
        }
        return (long) (catalog.rows(candidate.table()) * width * 1.2) + 8192;
    }

    private Recommendations result(WhatIfEngine engine, List<Chosen> chosen, List<Stmt> reads,
                                   List<Recommendations.Candidate> unvalidated, int skipped, long start)
            throws SQLException {
        List<IndexRecommendation> out = new ArrayList<>();
        for (Chosen c : chosen) {
            out.add(recommendation(c, reads));
        }
        out.sort((a, b) -> {
            int byTime = b.timeSaved().compareTo(a.timeSaved());
            return byTime != 0 ? byTime : Double.compare(b.costSaved(), a.costSaved());
        });
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).usable()) {
                usable.add(i);
            }
        }
        List<Double> together = chosen.isEmpty() ? List.of() : engine.withIndexes(
                out.stream().map(IndexRecommendation::index).toList(),
                usable.stream().map(i -> reads.get(i).explainable).toList()).costs();
        double before = 0;
        double after = 0;
        for (int k = 0; k < usable.size(); k++) {
            Stmt s = reads.get(usable.get(k));
            double then = together.isEmpty() || Double.isNaN(together.get(k))
                    ? bestAlone(chosen, usable.get(k), s.baseline) : together.get(k);
            before += s.entry.calls() * s.baseline;
            after += s.entry.calls() * Math.min(s.baseline, then);
        }
        return new Recommendations(out, unvalidated, engine.method(), usable.size(), skipped, before, after,
                elapsed(start));
    }

    /** A chosen candidate with the statements it sped up when it was chosen. */
    private IndexRecommendation recommendation(Chosen chosen, List<Stmt> reads) throws SQLException {
        Costed c = chosen.costed();
        IndexDefinition named = named(c.index());
        List<StatementImpact> impacts = new ArrayList<>();
        double saved = 0;
        for (Map.Entry<Integer, double[]> e : chosen.marginal().entrySet()) {
            Stmt s = reads.get(e.getKey());
            double before = e.getValue()[0];
            double after = e.getValue()[1];
            // the time measured belongs to the baseline plan; scale it to the plan this index improves on
            Duration time = s.baseline <= 0 ? Duration.ZERO
                    : Duration.ofNanos((long) (s.entry.totalTime().toNanos() * Math.min(1, before / s.baseline)));
            impacts.add(new StatementImpact(s.display(dialect), s.entry.calls(), before, after, time));
            saved += s.entry.calls() * (before - after);
        }
        impacts.sort((a, b) -> Double.compare(b.calls() * (b.costBefore() - b.costAfter()),
                a.calls() * (a.costBefore() - a.costAfter())));
        List<String> create = IndexCreation.statements(connection, dialect, options.statementTimeout(), named, names);
        return new IndexRecommendation(named, named.table().quoted(dialect), create.get(0), impacts,
                c.method(), c.size(), saved - c.penalty(), c.penalty(), create);
    }

    private static double bestAlone(List<Chosen> chosen, int statement, double baseline) {
        double best = baseline;
        for (Chosen c : chosen) {
            best = Math.min(best, c.costed().costs().getOrDefault(statement, baseline));
        }
        return best;
    }

    private IndexDefinition named(IndexDefinition index) {
        if (!index.name().isEmpty()) {
            return index;
        }
        String suffix = index.method() == IndexMethod.BTREE ? (index.predicate().isEmpty() ? "idx" : "part_idx")
                : "gin";
        return index.withName(names.choose(index.table(), index.columns(), suffix));
    }

    private String createStatement(IndexDefinition named) {
        return IndexDdl.createOnline(dialect, named);
    }

    /** Costs of the workload's statements on a table with and without one index. */
    public DropImpact whatIfDrop(TableName table, String index, Workload workload) throws SQLException {
        List<Stmt> reads = new ArrayList<>();
        parse(workload, reads, new ArrayList<>());
        reads.removeIf(s -> !s.touches(table));
        try (WhatIfEngine engine = new CountedWhatIf(WhatIfEngines.open(connection, dialect, options, catalog),
                instruments)) {
            prepare(engine, reads);
            List<Stmt> usable = reads.stream().filter(Stmt::usable).toList();
            Evaluation ev = engine.withoutIndex(table, index, usable.stream().map(s -> s.explainable).toList());
            List<StatementImpact> impacts = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                Stmt s = usable.get(i);
                double without = ev.costs().get(i);
                if (!Double.isNaN(without)) {
                    impacts.add(new StatementImpact(s.display(dialect), s.entry.calls(), s.baseline, without,
                            s.entry.totalTime()));
                }
            }
            return new DropImpact(table, index, ev.method(), impacts, ev.note());
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
