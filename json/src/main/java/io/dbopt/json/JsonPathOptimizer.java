package io.dbopt.json;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.rewrite.GeneratedColumn;
import io.dbopt.json.rewrite.GeneratedColumns;
import io.dbopt.json.rewrite.PathRewriter;
import io.dbopt.json.rewrite.ResultComparison;
import io.dbopt.json.workload.JsonPredicates;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Rewrites JSON predicates so that an index can serve them while results stay identical:
 * {@code col ->> 'k' = 'v'} becomes {@code col @> '{"k":"v"}'} (GIN), {@code jsonb_path_exists} and
 * {@code jsonb_exists} become their operators (GIN), and on MariaDB {@code JSON_VALUE(col, '$.k')} becomes the
 * indexed generated column holding it ({@link JsonRewriteRule}). Rewrites proven to keep results identical whatever
 * the data are applied; the others are advice. Either kind can be checked on real rows with {@link #verify}, which
 * runs the statement before and after and compares the rows.
 *
 * <pre>{@code
 * JsonPathOptimizer optimizer = JsonPathOptimizer.create(dataSource);
 * JsonRewriteResult r = optimizer.rewrite("SELECT id FROM docs WHERE attrs->>'status' = 'active'");
 * r.sql();   // SELECT id FROM docs WHERE attrs @> '{"status":"active"}'
 * optimizer.verify(r.original(), r.sql(), List.of()).identical();
 * }</pre>
 *
 * <p>The text outside the rewritten predicates, and the parameters, stay as written. On MariaDB the generated columns
 * are read once from {@code information_schema}; {@link #refresh()} reads them again. Thread-safe.
 */
public final class JsonPathOptimizer {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration timeout;
    private final int verifyMaxRows;
    private volatile List<GeneratedColumn> generated;

    private JsonPathOptimizer(DataSource dataSource, Dialect dialect, DbOptConfig config) {
        this.dataSource = dataSource;
        this.dialect = dialect != null ? dialect : DatabaseInfo.detect(dataSource).dialect();
        this.timeout = config.get(JsonKeys.STATEMENT_TIMEOUT);
        this.verifyMaxRows = config.get(JsonKeys.VERIFY_MAX_ROWS);
    }

    /** An optimizer on a database (detects the server with one connection). */
    public static JsonPathOptimizer create(DataSource dataSource) {
        return create(DbOptConfig.empty(), dataSource);
    }

    /** An optimizer on a database, configured from {@code json.*}. */
    public static JsonPathOptimizer create(DbOptConfig config, DataSource dataSource) {
        return new JsonPathOptimizer(Objects.requireNonNull(dataSource, "dataSource"), null,
                Objects.requireNonNull(config, "config"));
    }

    /**
     * An optimizer without a database: PostgreSQL rewrites only (MariaDB's need the generated columns), no
     * verification.
     */
    public static JsonPathOptimizer forDialect(Dialect dialect) {
        return new JsonPathOptimizer(null, Objects.requireNonNull(dialect, "dialect"), DbOptConfig.empty());
    }

    /**
     * Rewrites a statement.
     *
     * @throws DbOptException {@link JsonErrorCode#INVALID_STATEMENT} for blank text
     */
    public JsonRewriteResult rewrite(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new DbOptException(JsonErrorCode.INVALID_STATEMENT, "No statement to rewrite: pass the SQL text");
        }
        Map<String, String> tables = JsonPredicates.tables(sql, dialect);
        List<PathRewriter.Edit> edits = new PathRewriter(dialect, this::generatedColumn).find(sql, tables);
        List<PathRewriter.Edit> proven = edits.stream().filter(PathRewriter.Edit::proven).toList();
        List<JsonRewrite> applied = new ArrayList<>();
        String current = sql;
        for (int i = 0; i < proven.size(); i++) {
            String next = apply(sql, proven.subList(0, i + 1));
            PathRewriter.Edit e = proven.get(i);
            applied.add(new JsonRewrite(e.rule(), current, next, true, e.reason()));
            current = next;
        }
        List<JsonRewrite> advice = new ArrayList<>();
        for (PathRewriter.Edit e : edits) {
            if (e.proven()) {
                continue;
            }
            List<PathRewriter.Edit> with = new ArrayList<>(proven.stream()
                    .filter(p -> p.end() <= e.start() || p.start() >= e.end()).toList());
            with.add(e);
            with.sort((a, b) -> Integer.compare(a.start(), b.start()));
            advice.add(new JsonRewrite(e.rule(), current, apply(sql, with), false, e.reason()));
        }
        return new JsonRewriteResult(sql, current, applied, advice);
    }

    /**
     * Runs a SELECT and its rewrite with the same parameters in a read-only transaction that is rolled back, and
     * compares their rows.
     *
     * @throws DbOptException {@link JsonErrorCode#INVALID_STATEMENT} for statements other than SELECT,
     *     {@link JsonErrorCode#VERIFICATION_FAILED} when one of them fails
     */
    public RewriteVerification verify(String original, String rewritten, List<?> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        requireDataSource();
        for (String s : List.of(original, rewritten)) {
            if (SqlAnalyzer.forDialect(dialect).analyze(s).kind() != StatementKind.SELECT) {
                throw new DbOptException(JsonErrorCode.INVALID_STATEMENT, "verify runs SELECT statements only, was: "
                        + SqlAnalyzer.forDialect(dialect).fingerprint(s));
            }
        }
        try {
            return Jdbc.withConnection(dataSource, "verifying a rewrite", c -> ResultComparison.compare(c, original,
                    rewritten, parameters, verifyMaxRows, timeout));
        } catch (DbOptException e) {
            throw new DbOptException(JsonErrorCode.VERIFICATION_FAILED, "The statement or its rewrite failed on "
                    + "the database (" + e.getMessage() + "): check the parameters", e);
        }
    }

    /** Reads MariaDB's generated columns again (after adding one). */
    public void refresh() {
        generated = null;
    }

    /** The server's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    private Optional<GeneratedColumn> generatedColumn(String table, String expression) {
        if (!(dialect instanceof MariaDbDialect) || dataSource == null) {
            return Optional.empty();
        }
        List<GeneratedColumn> all = generated;
        if (all == null) {
            all = Jdbc.withConnection(dataSource, "reading generated columns", c -> GeneratedColumns.read(c, dialect,
                    timeout));
            generated = all;
        }
        return all.stream().filter(g -> g.table().equalsIgnoreCase(table) && g.expression().equals(expression))
                .sorted((a, b) -> Boolean.compare(b.exact(), a.exact())).findFirst();
    }

    private void requireDataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("Verifying runs statements: create the optimizer with a data source");
        }
    }

    private static String apply(String sql, List<PathRewriter.Edit> edits) {
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (PathRewriter.Edit e : edits) {
            out.append(sql, last, e.start()).append(e.replacement());
            last = e.end();
        }
        return out.append(sql.substring(last)).toString();
    }
}
