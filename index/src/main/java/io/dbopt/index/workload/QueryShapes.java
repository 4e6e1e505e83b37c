package io.dbopt.index.workload;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import java.util.Objects;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses SQL with JSqlParser into {@link QueryShape}s. Columns are resolved against the catalog through a
 * {@link SchemaLookup} (unqualified columns bind to the one table in scope that has them); tables the catalog does
 * not know (CTEs, functions, other schemas) are left out. Thread-safe when the lookup is.
 */
public final class QueryShapes {

    private static final Logger LOG = LoggerFactory.getLogger(QueryShapes.class);

    private QueryShapes() {
    }

    /**
     * The shape of one statement; empty when it is not a query or DML statement, or cannot be parsed (MariaDB digests
     * cut at the digest length limit, vendor syntax JSqlParser does not know).
     */
    public static Optional<QueryShape> parse(String sql, Dialect dialect, SchemaLookup lookup) {
        return shape(sql, dialect, lookup, parseText(sql, dialect));
    }

    /**
     * As {@link #parse(String, Dialect, SchemaLookup)}, taking JSqlParser's parse from {@code ahead} when it covers
     * the statement (parsed there on another thread, or now).
     */
    public static Optional<QueryShape> parse(String sql, Dialect dialect, SchemaLookup lookup, ParseAhead ahead) {
        return shape(sql, dialect, lookup, ahead.parsed(sql));
    }

    /** JSqlParser's parse of a statement's text, which needs no catalog: the statement, or why it has none. */
    static Parsed parseText(String sql, Dialect dialect) {
        Objects.requireNonNull(sql, "sql");
        String text = dialect instanceof PostgresDialect ? sql : Placeholders.fromDigest(sql);
        try {
            return new Parsed(StatementParser.parse(text), null);
        } catch (JSQLParserException | RuntimeException e) {
            return new Parsed(null, e);
        }
    }

    private static Optional<QueryShape> shape(String sql, Dialect dialect, SchemaLookup lookup, Parsed parsed) {
        if (parsed.failure() != null) {
            LOG.debug("index - statement not analysed, JSqlParser cannot parse it ({}): {}",
                    parsed.failure().getClass().getSimpleName(), Placeholders.normalize(sql, dialect, 120));
            return Optional.empty();
        }
        ShapeCollector collector = new ShapeCollector(dialect, lookup);
        return collector.statement(parsed.statement()).map(kind -> new QueryShape(sql, kind, collector.accesses()));
    }

    /**
     * JSqlParser's answer for one text: the statement (null for empty text, as JSqlParser answers), or the failure.
     * The statement is only read afterwards (the shape collector visits it), so one parse serves every asker.
     */
    record Parsed(Statement statement, Exception failure) {
    }
}
