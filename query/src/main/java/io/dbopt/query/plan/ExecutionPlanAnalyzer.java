package io.dbopt.query.plan;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.SqlFacts;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Runs EXPLAIN (PostgreSQL {@code FORMAT JSON}, MariaDB {@code FORMAT=JSON}; with ANALYZE for reads), reads the
 * plan into a {@link PlanNode} tree and reports {@link PlanInsight}s: sequential scans of large tables keeping few
 * rows (with the filter columns as an index), row misestimates of 10x or more, sorts and hashes spilling to disk,
 * nested loops over large outer inputs, large OFFSETs, index scans discarding most rows, stale statistics, and
 * MariaDB's filesort, temporary tables and full scans.
 *
 * <pre>{@code
 * ExecutionPlanAnalyzer analyzer = ExecutionPlanAnalyzer.create(dataSource);
 * ExecutionPlan plan = analyzer.explain("SELECT * FROM tasks WHERE project_id = ?", 42);
 * plan.insights().forEach(i -> log.info(i.message()));
 * }</pre>
 *
 * <p>Every EXPLAIN runs in a transaction that is rolled back, under the statement timeout (default 10 s). ANALYZE
 * executes the statement: it runs only for reads, in a read-only transaction, unless {@link ExplainOptions#allowWrites()}
 * lets writes run too (then still rolled back; on MariaDB only for InnoDB tables). A profiled data source is
 * unwrapped, so that EXPLAIN statements are not recorded. The text must be exactly one statement (counted by core's
 * SQL lexer; trailing semicolons are dropped): a second one is refused before anything runs. Immutable and thread-safe; each call borrows one
 * connection.
 */
public final class ExecutionPlanAnalyzer {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration statementTimeout;
    private final PlanRules rules;
    private final SqlAnalyzer analyzer;

    private ExecutionPlanAnalyzer(Builder b, Dialect dialect) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.statementTimeout = b.statementTimeout;
        this.rules = new PlanRules(dialect, new PlanRules.Thresholds(b.largeTableRows, b.fewRowsFraction,
                b.misestimateFactor, b.largeOffset, b.nestedLoopOuterRows, b.discardRatio));
        this.analyzer = SqlAnalyzer.forDialect(dialect);
    }

    /** An analyzer with the defaults; detects the server with one connection. */
    public static ExecutionPlanAnalyzer create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Explains a statement with its parameter values: EXPLAIN ANALYZE for reads, a plain EXPLAIN for writes.
     *
     * @throws DbOptException with {@link QueryErrorCode#EXPLAIN_FAILED} when the server refuses (the SQLState is
     *     kept), {@link QueryErrorCode#INVALID_STATEMENT} for statements EXPLAIN does not take
     */
    public ExecutionPlan explain(String sql, Object... params) {
        return explain(sql, Arrays.asList(params), ExplainOptions.ANALYZE);
    }

    /**
     * Explains a statement with its parameter values and the given options.
     *
     * @throws DbOptException as {@link #explain(String, Object...)}, and {@link QueryErrorCode#UNSAFE_ANALYZE} when
     *     a write would run on tables a rollback cannot restore
     */
    public ExecutionPlan explain(String sql, List<?> params, ExplainOptions options) {
        Objects.requireNonNull(params, "params (use explainGeneric without values)");
        return run(sql, params, Objects.requireNonNull(options, "options"));
    }

    /**
     * Plans a statement without parameter values ({@code ?} or {@code $1} placeholders), as pg_stat_statements
     * shows them: PostgreSQL's generic plan, estimates only. MariaDB cannot do this and fails with
     * {@link QueryErrorCode#EXPLAIN_FAILED}.
     */
    public ExecutionPlan explainGeneric(String sql) {
        return run(sql, null, ExplainOptions.ESTIMATE);
    }

    /** Finds the insights of a plan obtained elsewhere (as JSON from this server kind). */
    public List<PlanInsight> insights(String planJson) {
        PlanParsers.Parsed parsed = dialect instanceof PostgresDialect ? PlanParsers.postgres(planJson)
                : PlanParsers.mariaDb(planJson);
        return rules.insights(parsed.root(), TableStatistics.NONE, OptionalLong.empty(), false);
    }

    private ExecutionPlan run(String sql, List<?> params, ExplainOptions options) {
        if (sql == null || sql.isBlank()) {
            throw new DbOptException(QueryErrorCode.INVALID_STATEMENT, "No statement to explain: pass the SQL text");
        }
        String text = SingleStatement.of(sql, dialect);
        SqlFacts facts = analyzer.analyze(text);
        String statement = text;
        return Jdbc.withConnection(dataSource, "explaining " + facts.fingerprint(), c -> {
            ExplainRunner.Raw raw;
            try {
                raw = ExplainRunner.run(c, dialect, facts, statement, params, options, statementTimeout);
            } catch (SQLException e) {
                throw new DbOptException(QueryErrorCode.EXPLAIN_FAILED, "EXPLAIN of " + facts.fingerprint()
                        + " failed (" + io.dbopt.core.SqlErrors.classify(e) + "): check the statement and its "
                        + "parameters; a timeout means the statement itself is slower than "
                        + statementTimeout.toSeconds() + " s", e);
            }
            PlanParsers.Parsed parsed = dialect instanceof PostgresDialect ? PlanParsers.postgres(raw.json())
                    : PlanParsers.mariaDb(raw.json());
            TableStatistics stats = TableStatistics.read(c, dialect, relations(parsed.root()), statementTimeout);
            Statement parsedSql = analyzer.parse(statement).orElse(null);
            List<PlanInsight> insights = rules.insights(parsed.root(), stats, analyzer.offset(statement, params),
                    hasLimit(parsedSql, facts));
            return new ExecutionPlan(facts.fingerprint(), parsed.root(), raw.analyzed(), raw.generic(),
                    parsed.planningMillis(), parsed.executionMillis(), insights, raw.json());
        });
    }

    private static Set<String> relations(PlanNode root) {
        Set<String> names = new LinkedHashSet<>();
        root.forEach(n -> {
            if (!n.relation().isEmpty()) {
                names.add(n.relation());
            }
        });
        return names;
    }

    private static boolean hasLimit(Statement statement, SqlFacts facts) {
        if (statement instanceof PlainSelect select) {
            return select.getLimit() != null || select.getFetch() != null;
        }
        return facts.fingerprint().contains(" limit ") || facts.fingerprint().contains(" fetch ");
    }

    /**
     * Configures an {@link ExecutionPlanAnalyzer}; setters validate at once. Not thread-safe.
     */
    public static final class Builder {
        private DataSource dataSource;
        private Dialect dialect;
        private Duration statementTimeout = Duration.ofSeconds(10);
        private long largeTableRows = 10_000;
        private double fewRowsFraction = 0.01;
        private double misestimateFactor = 10;
        private long largeOffset = 1_000;
        private long nestedLoopOuterRows = 10_000;
        private double discardRatio = 10;

        private Builder() {
        }

        /** The database (required); a {@link ProfiledDataSource} is unwrapped so EXPLAIN is not recorded. */
        public Builder dataSource(DataSource value) {
            Objects.requireNonNull(value, "dataSource");
            this.dataSource = value instanceof ProfiledDataSource p ? p.delegate() : value;
            return this;
        }

        /** The server's dialect, when known, to skip detection. */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** The longest one EXPLAIN (ANALYZE) may run; default 10 s. */
        public Builder statementTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive, was " + value);
            }
            this.statementTimeout = value;
            return this;
        }

        /** A table is large from this many rows (sequential and full scans); default 10,000. */
        public Builder largeTableRows(long value) {
            this.largeTableRows = positive("largeTableRows", value);
            return this;
        }

        /** A scan keeping at most this fraction of what it reads keeps "few" rows; default 0.01. */
        public Builder fewRowsFraction(double value) {
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException("fewRowsFraction must be between 0 and 1, was " + value);
            }
            this.fewRowsFraction = value;
            return this;
        }

        /** Estimates off by this factor or more are misestimates; default 10. */
        public Builder misestimateFactor(double value) {
            if (!(value > 1)) {
                throw new IllegalArgumentException("misestimateFactor must be greater than 1, was " + value);
            }
            this.misestimateFactor = value;
            return this;
        }

        /** OFFSETs of this many rows or more are large; default 1,000. */
        public Builder largeOffset(long value) {
            this.largeOffset = positive("largeOffset", value);
            return this;
        }

        /** Nested loops with this many outer rows or more are flagged; default 10,000. */
        public Builder nestedLoopOuterRows(long value) {
            this.nestedLoopOuterRows = positive("nestedLoopOuterRows", value);
            return this;
        }

        /** Index scans discarding this many rows per row kept are flagged; default 10. */
        public Builder discardRatio(double value) {
            if (!(value >= 1)) {
                throw new IllegalArgumentException("discardRatio must be at least 1, was " + value);
            }
            this.discardRatio = value;
            return this;
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        /**
         * Builds the analyzer, detecting the dialect with one connection unless given.
         *
         * @throws IllegalStateException when no data source was given
         */
        public ExecutionPlanAnalyzer build() {
            if (dataSource == null) {
                throw new IllegalStateException("ExecutionPlanAnalyzer needs a dataSource(...)");
            }
            return new ExecutionPlanAnalyzer(this, dialect != null ? dialect : DatabaseInfo.detect(dataSource)
                    .dialect());
        }
    }
}
