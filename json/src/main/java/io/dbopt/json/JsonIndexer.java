package io.dbopt.json;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.index.IndexManager;
import io.dbopt.index.Recommendations;
import io.dbopt.index.Workload;
import io.dbopt.json.advice.CandidateBuilder;
import io.dbopt.json.advice.JsonCatalog;
import io.dbopt.json.advice.PredicateChecks;
import io.dbopt.json.advice.UsageAnalysis;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Index advice for JSON predicates, from a workload: which JSON operators and paths the statements use on which
 * columns, how often and how selective ({@link #analyze}); the index candidates that would serve them
 * ({@link #candidates}); and the findings ({@link #findings}): predicates no index serves, function forms no index can
 * serve, json columns that should be jsonb, paths hidden by normalisation.
 *
 * <p>One owner for index advice: {@link #recommend} returns the index module's recommendations, in which these
 * candidates take part (through dbopt-index's candidate-source plug-in), costed by the same what-if engine as every
 * other candidate and selected against them.
 *
 * <pre>{@code
 * JsonIndexer indexer = JsonIndexer.create(config, dataSource);
 * Workload workload = Workload.of("SELECT id FROM docs WHERE attrs->>'status' = 'active'");
 * indexer.analyze(workload).columns();     // docs.attrs: EXTRACT_TEXT on status, 2 distinct values sampled
 * indexer.recommend(workload);             // the index module's validated recommendations
 * }</pre>
 *
 * <p>The workload may come from {@code Workload.of(...)}, a query profiler ({@code ProfilerWorkload.from(profiler)})
 * or the server's statement statistics ({@link #captureWorkload()}); normalised texts hide literal paths
 * ({@code col ->> $1}), which are then reported but get no candidate. Every call borrows one connection and returns
 * it; catalog and sampling statements run under {@code json.statement_timeout}. Thread-safe.
 */
public final class JsonIndexer {

    private final DataSource dataSource;
    private final DbOptConfig config;
    private final Duration timeout;
    private final int sampleRows;
    private volatile Dialect dialect;

    JsonIndexer(DataSource dataSource, Dialect dialect, DbOptConfig config) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.config = Objects.requireNonNull(config, "config");
        this.timeout = config.get(JsonKeys.STATEMENT_TIMEOUT);
        this.sampleRows = config.get(JsonKeys.SAMPLE_ROWS);
    }

    /** An indexer on a database, configured from {@code json.*}. */
    public static JsonIndexer create(DbOptConfig config, DataSource dataSource) {
        return new JsonIndexer(dataSource, null, config);
    }

    /** The workload from the server's statement statistics ({@code pg_stat_statements}, digests). */
    public Workload captureWorkload() {
        return IndexManager.create(dataSource).captureWorkload();
    }

    /** Which JSON operators and paths the workload uses on which columns. */
    public JsonUsage analyze(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return Jdbc.withConnection(dataSource, "analysing JSON predicates", c -> {
            JsonCatalog catalog = JsonCatalog.columns(c, dialect(), timeout);
            return UsageAnalysis.of(workload, catalog, c, sampleRows, timeout).usage(dialect());
        });
    }

    /** The index candidates for the workload's JSON predicates, before what-if validation. */
    public List<JsonIndexCandidate> candidates(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return Jdbc.withConnection(dataSource, "finding JSON index candidates", c -> {
            JsonCatalog columns = JsonCatalog.columns(c, dialect(), timeout);
            UsageAnalysis analysis = UsageAnalysis.of(workload, columns, c, sampleRows, timeout);
            return CandidateBuilder.build(analysis, columns.forAnalysis(analysis, c, timeout));
        });
    }

    /** The findings about the workload's JSON predicates (see the class description). */
    public List<Finding> findings(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        JsonPathOptimizer optimizer = JsonPathOptimizer.create(config, dataSource);
        return Jdbc.withConnection(dataSource, "checking JSON predicates", c -> {
            JsonCatalog columns = JsonCatalog.columns(c, dialect(), timeout);
            UsageAnalysis analysis = UsageAnalysis.of(workload, columns, c, sampleRows, timeout);
            JsonCatalog catalog = columns.forAnalysis(analysis, c, timeout);
            return PredicateChecks.check(analysis, catalog, CandidateBuilder.build(analysis, catalog),
                    optimizer::rewrite);
        });
    }

    /**
     * The index module's recommendations for the workload, JSON candidates among them (costed by its what-if engine
     * like every other candidate).
     */
    public Recommendations recommend(Workload workload) {
        return IndexManager.create(dataSource).recommend(workload);
    }

    Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            d = DatabaseInfo.detect(dataSource).dialect();
            dialect = d;
        }
        return d;
    }
}
