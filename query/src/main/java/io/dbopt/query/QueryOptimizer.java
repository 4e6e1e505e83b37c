package io.dbopt.query;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.query.plan.ExecutionPlan;
import io.dbopt.query.plan.ExecutionPlanAnalyzer;
import io.dbopt.query.rewrite.QueryRewriter;
import io.dbopt.query.rewrite.RewriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The query module's entry point: one object that profiles a data source and gives access to the plan analyzer,
 * the rewriter and the server's statement statistics, and reports on all of them.
 *
 * <pre>{@code
 * QueryOptimizer optimizer = QueryOptimizer.builder().dataSource(hikari).build();
 * DataSource ds = optimizer.dataSource();          // use this one in the application
 * ...
 * optimizer.profiler().nPlusOne();                  // N+1 patterns with call sites
 * optimizer.explain("SELECT ... WHERE id = ?", 42); // plan and insights
 * optimizer.rewrite("SELECT * FROM ...");           // rewrites and advice
 * optimizer.report();                               // everything, as in dbopt doctor
 * }</pre>
 *
 * The wrapped data source is neither closed nor changed. Immutable and thread-safe after {@link Builder#build()}.
 */
public final class QueryOptimizer {

    private final DataSource raw;
    private final ProfiledDataSource profiled;
    private final QueryProfiler profiler;
    private final Dialect dialect;
    private final Duration statementTimeout;
    private final ExecutionPlanAnalyzer analyzer;
    private final QueryRewriter rewriter;

    private QueryOptimizer(Builder b) {
        this.raw = b.dataSource instanceof ProfiledDataSource p ? p.delegate() : b.dataSource;
        this.profiler = b.profiler != null ? b.profiler
                : QueryProfiler.of(b.dataSource).orElseGet(() -> QueryProfiler.builder().build());
        this.profiled = profiler.instrument(raw);
        this.dialect = DatabaseInfo.detect(raw).dialect();
        this.statementTimeout = b.statementTimeout;
        this.analyzer = ExecutionPlanAnalyzer.builder().dataSource(raw).dialect(dialect)
                .statementTimeout(statementTimeout).build();
        this.rewriter = QueryRewriter.builder().dataSource(raw).dialect(dialect).build();
    }

    /** An optimizer over a data source with a new profiler using the defaults. */
    public static QueryOptimizer create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The profiled data source: use it in the application so that its statements are recorded. */
    public DataSource dataSource() {
        return profiled;
    }

    /** The profiler recording {@link #dataSource()}. */
    public QueryProfiler profiler() {
        return profiler;
    }

    /** The server's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The plan analyzer (EXPLAIN runs on the unprofiled data source). */
    public ExecutionPlanAnalyzer planAnalyzer() {
        return analyzer;
    }

    /** The rewriter, reading table metadata from the database. */
    public QueryRewriter rewriter() {
        return rewriter;
    }

    /** The server's statement statistics. */
    public ServerQueries serverQueries() {
        return ServerQueries.of(raw, dialect, statementTimeout);
    }

    /** Explains a statement with its values (ANALYZE for reads); see {@link ExecutionPlanAnalyzer}. */
    public ExecutionPlan explain(String sql, Object... params) {
        return analyzer.explain(sql, params);
    }

    /** Rewrites a statement; see {@link QueryRewriter}. */
    public RewriteResult rewrite(String sql) {
        return rewriter.rewrite(sql);
    }

    /** The same report as the doctor's "Queries" section, with this optimizer's profiler. */
    public ReportSection report() {
        return new QueryReport(raw, dialect, statementTimeout, Optional.of(profiler)).build("Queries");
    }

    /** The findings of {@link #report()}. */
    public List<Finding> findings() {
        return report().findings();
    }

    /** Configures a {@link QueryOptimizer}. Not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private QueryProfiler profiler;
        private Duration statementTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * The application's data source (required). When it is already a {@link ProfiledDataSource}, its profiler is
         * used.
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /** A configured profiler to record with, instead of a new one with the defaults. */
        public Builder profiler(QueryProfiler value) {
            this.profiler = Objects.requireNonNull(value, "profiler");
            return this;
        }

        /** The longest any EXPLAIN or statistics query may run; default 10 s. */
        public Builder statementTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive, was " + value);
            }
            this.statementTimeout = value;
            return this;
        }

        /**
         * Builds the optimizer, detecting the server with one connection.
         *
         * @throws IllegalStateException when no data source was given
         */
        public QueryOptimizer build() {
            if (dataSource == null) {
                throw new IllegalStateException("QueryOptimizer needs a dataSource(...)");
            }
            return new QueryOptimizer(this);
        }
    }
}
