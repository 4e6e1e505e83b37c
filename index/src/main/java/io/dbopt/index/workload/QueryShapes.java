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
        Objects.requireNonNull(sql, "sql");
        String text = dialect instanceof PostgresDialect ? sql : Placeholders.fromDigest(sql);
        Statement statement;
        try {
            statement = StatementParser.parse(text);
        } catch (JSQLParserException | RuntimeException e) {
            LOG.debug("index - statement not analysed, JSqlParser cannot parse it ({}): {}",
                    e.getClass().getSimpleName(), Placeholders.normalize(sql, dialect, 120));
            return Optional.empty();
        }
        ShapeCollector collector = new ShapeCollector(dialect, lookup);
        return collector.statement(statement).map(kind -> new QueryShape(sql, kind, collector.accesses()));
    }
}
