package io.dbopt.query.doctor;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Chart;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.query.ExplainSample;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.QueryStats;
import io.dbopt.query.ServerQueries;
import io.dbopt.query.ServerQuery;
import io.dbopt.query.ServerStatistics;
import io.dbopt.query.plan.ExecutionPlan;
import io.dbopt.query.plan.ExecutionPlanAnalyzer;
import io.dbopt.query.plan.ExplainOptions;
import io.dbopt.query.plan.PlanInsight;
import io.dbopt.query.rewrite.QueryRewriter;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.StatementKind;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query report behind the doctor's "Queries" section and {@link io.dbopt.query.QueryOptimizer#report()}: the
 * server's top statements, what a profiler recorded (N+1 patterns with call sites, top and slow fingerprints), plan
 * insights for the heaviest statements (explained with their sampled values) and rewrite advice. A statement whose
 * EXPLAIN or rewrite fails is noted as a fact and skipped. Each {@link #build} borrows connections of the unprofiled
 * data source, every query under the given timeout; stateless.
 */
public final class QueryReport {

    private static final Logger LOG = LoggerFactory.getLogger(QueryReport.class);
    static final int TOP = 5;
    static final int PLANS = 5;
    static final int REWRITES = 10;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration timeout;
    private final QueryProfiler profiler;
    private final List<Fact> facts = new ArrayList<>();
    private final Map<String, Finding> findings = new LinkedHashMap<>();

    private QueryReport(DataSource dataSource, Dialect dialect, Duration timeout, Optional<QueryProfiler> profiler) {
        this.dataSource = unprofiled(dataSource);
        this.dialect = dialect;
        this.timeout = timeout;
        this.profiler = profiler.orElse(null);
    }

    /**
     * The data source under a {@link ProfiledDataSource}, also when the doctor lends it through its own wrapper, so
     * that this report's statements are not profiled as the application's.
     */
    private static DataSource unprofiled(DataSource dataSource) {
        if (dataSource instanceof ProfiledDataSource p) {
            return p.delegate();
        }
        try {
            return dataSource.isWrapperFor(ProfiledDataSource.class)
                    ? dataSource.unwrap(ProfiledDataSource.class).delegate() : dataSource;
        } catch (SQLException e) {
            throw new DbOptException(CoreErrorCode.CONNECTION_FAILED,
                    "The data source could not be unwrapped: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Builds the report as a section titled {@code title}, reading {@code dataSource} (unwrapped when profiled, so
     * that the report's own statements are not recorded) and what {@code profiler} recorded, when one is given.
     *
     * @throws io.dbopt.core.DbOptException when the server's statement statistics cannot be read for another reason
     *     than their being off or forbidden
     */
    public static ReportSection build(String title, DataSource dataSource, Dialect dialect, Duration timeout,
                                      Optional<QueryProfiler> profiler) {
        return new QueryReport(dataSource, dialect, timeout, profiler).section(title);
    }

    private ReportSection section(String title) {
        ServerStatistics server = ServerQueries.of(dataSource, dialect, timeout).top(10);
        server(server);
        if (profiler != null) {
            long statements = profiler.statementCount();
            facts.add(new Fact("profiled statements", statements + " in " + profiler.fingerprintCount()
                    + " fingerprints, " + profiler.slowQueryCount() + " slower than "
                    + profiler.slowQueryThreshold().toMillis() + " ms"));
            facts.add(new Fact("N+1 patterns", String.valueOf(profiler.nPlusOne().size())));
            profiler.findings(TOP).forEach(this::add);
        } else {
            facts.add(new Fact("profiler", "not attached: wrap the application's DataSource with "
                    + "QueryProfiler.wrap(...) to see N+1 patterns and call sites"));
        }
        plans(server);
        rewrites(server);
        return ReportSection.of(title, facts, List.copyOf(findings.values())).withCharts(charts(server));
    }

    /** The server's top statements by total time, as the HTML report draws them. */
    private List<Chart> charts(ServerStatistics server) {
        if (!server.available()) {
            return List.of();
        }
        String source = dialect instanceof PostgresDialect ? "pg_stat_statements" : "performance_schema digests";
        List<Chart.Bar> bars = server.queries().stream()
                .sorted(java.util.Comparator.comparing(ServerQuery::total).reversed())
                .map(q -> new Chart.Bar(abbreviate(q.fingerprint(), 200), q.total().toNanos() / 1e6,
                        q.calls() + (q.calls() == 1 ? " call" : " calls")))
                .toList();
        return List.of(Chart.bars("Top statements by total time", "Statement time summed over every call since "
                + "the server's statistics were last reset, from " + source + "; statements without their values.",
                Chart.Unit.MILLISECONDS, bars));
    }

    private void add(Finding f) {
        findings.putIfAbsent(f.check() + "\u0000" + f.object() + "\u0000" + f.message(), f);
    }

    private void server(ServerStatistics server) {
        String source = dialect instanceof PostgresDialect ? "pg_stat_statements" : "performance_schema digests";
        if (!server.available()) {
            facts.add(new Fact("server statistics", source + ": " + server.detail()));
            Fix fix = server.status() == ServerStatistics.Status.NOT_INSTALLED
                    ? Fix.sql("install pg_stat_statements", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                    : Fix.advice(server.detail());
            add(Finding.builder("query.server-statistics-unavailable", Severity.INFO)
                    .object(DbObject.database(source))
                    .message("The server's statement statistics are not available (" + server.status() + ")")
                    .fix(fix).build());
            return;
        }
        facts.add(new Fact("server statistics", source + ", " + server.queries().size() + " top statements read"));
        if (server.incomplete()) {
            boolean pg = dialect instanceof PostgresDialect;
            add(Finding.builder("query.server-statistics-incomplete", Severity.INFO)
                    .object(DbObject.setting(pg ? "pg_stat_statements.max"
                            : "performance_schema_digests_size"))
                    .message("The server's statement statistics are full (" + server.capacity() + " statements): "
                            + server.lost() + (pg ? " evictions" : " statements lost") + " since the last reset, "
                            + "so rarely run statements may be missing from the top list")
                    .evidence("lost", server.lost()).evidence("capacity", server.capacity())
                    .fix(Fix.advice(pg ? "raise pg_stat_statements.max (restart) or reset the statistics with "
                            + "pg_stat_statements_reset()" : "raise performance_schema_digests_size (restart) or "
                            + "empty the table: TRUNCATE performance_schema.events_statements_summary_by_digest"))
                    .build());
        }
        List<ServerQuery> top = server.queries().stream().filter(q -> explainable(kindOf(q))).toList();
        for (ServerQuery q : top.subList(0, Math.min(TOP, top.size()))) {
            add(Finding.builder("query.top-server", Severity.INFO).object(query(q.fingerprint()))
                    .message("Server: " + q.calls() + " calls, " + q.total().toMillis() + " ms in all, mean "
                            + millis(q.mean()) + " ms")
                    .evidence("calls", q.calls()).evidence("total", q.total()).evidence("mean", q.mean())
                    .evidence("rows", q.rows()).build());
        }
        for (ServerQuery q : top) {
            if (q.withoutIndex() > 0 && q.calls() > 1) {
                add(Finding.builder("query.server-no-index", Severity.WARNING)
                        .object(query(q.fingerprint()))
                        .message(q.withoutIndex() + " of " + q.calls() + " executions used no suitable index")
                        .evidence("executions_without_index", q.withoutIndex()).evidence("calls", q.calls())
                        .fix(Fix.advice("see the plan insights, or run ExecutionPlanAnalyzer on this statement"))
                        .build());
            }
            if (q.spills() > 0) {
                add(Finding.builder("query.server-temp-spill", Severity.WARNING)
                        .object(query(q.fingerprint()))
                        .message("Wrote temporary data to disk (" + q.spills() + (dialect instanceof PostgresDialect
                                ? " blocks)" : " disk tables)"))
                        .evidence("spills", q.spills()).evidence("calls", q.calls())
                        .fix(Fix.advice("raise work_mem / tmp_table_size for it, or let an index avoid the sort"))
                        .build());
            }
        }
    }

    private void plans(ServerStatistics server) {
        ExecutionPlanAnalyzer analyzer = ExecutionPlanAnalyzer.builder().dataSource(dataSource).dialect(dialect)
                .statementTimeout(timeout).build();
        int explained = 0;
        if (profiler != null) {
            Map<String, ExplainSample> samples = new LinkedHashMap<>();
            profiler.explainSamples(profiler.maxFingerprints()).forEach(x -> samples.put(x.fingerprint(), x));
            for (QueryStats stats : profiler.queries()) {
                if (explained >= PLANS) {
                    break;
                }
                Optional<ExplainSample> sample = Optional.ofNullable(samples.get(stats.fingerprint()));
                if (explainable(stats.kind()) && explain(analyzer, stats.fingerprint(), sample)) {
                    explained++;
                }
            }
        }
        if (explained == 0 && server.available() && dialect instanceof PostgresDialect) {
            for (ServerQuery q : server.queries()) {
                if (explained >= PLANS) {
                    break;
                }
                if (explainable(kindOf(q)) && explain(analyzer, q.text(), Optional.empty())) {
                    explained++;
                }
            }
        }
        facts.add(new Fact("plans explained", String.valueOf(explained)));
    }

    private StatementKind kindOf(ServerQuery q) {
        if (q.fingerprint().contains("pg_stat_statements") || q.fingerprint().contains("performance_schema.")) {
            return StatementKind.OTHER; // monitoring, dbopt's own included
        }
        return SqlAnalyzer.postgres().kind(q.fingerprint());
    }

    private static boolean explainable(StatementKind kind) {
        return kind == StatementKind.SELECT || kind.isDataChange();
    }

    private boolean explain(ExecutionPlanAnalyzer analyzer, String fingerprint, Optional<ExplainSample> s) {
        try {
            ExecutionPlan plan = s.isPresent()
                    ? analyzer.explain(s.get().sql(), s.get().parameters(), ExplainOptions.ANALYZE)
                    : analyzer.explainGeneric(fingerprint);
            for (PlanInsight insight : plan.insights()) {
                add(insight.toFinding(plan.fingerprint()));
            }
            return true;
        } catch (DbOptException e) {
            LOG.debug("query report - no plan for {}: {}", fingerprint, e.getMessage());
            facts.add(new Fact("plan skipped", abbreviate(fingerprint, 80) + ": "
                    + e.errorKind().map(Enum::name).orElse(e.errorCode().code())));
            return false;
        }
    }

    private void rewrites(ServerStatistics server) {
        Set<String> texts = new LinkedHashSet<>();
        if (profiler != null) {
            profiler.topQueries(REWRITES).forEach(q -> texts.add(q.fingerprint()));
        }
        server.queries().stream().filter(q -> explainable(kindOf(q))).limit(REWRITES)
                .forEach(q -> texts.add(q.fingerprint()));
        QueryRewriter rewriter = QueryRewriter.builder().dataSource(dataSource).dialect(dialect).build();
        for (String text : texts) {
            try {
                rewriter.rewrite(text).findings(text).forEach(this::add);
            } catch (DbOptException e) {
                LOG.debug("query report - cannot read the metadata to rewrite {}: {}", text, e.getMessage());
            }
        }
    }

    private static DbObject query(String fingerprint) {
        return DbObject.of(ObjectType.QUERY, abbreviate(fingerprint, 200));
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
}
