package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * A check whose catalog query returns one row per finding: the query is the resource named like the check without
 * its {@code index.} prefix ({@code sql/<dialect>/no-primary-key.sql}), bound to the analysed schema. Subclasses
 * turn a row into a finding (or {@code null} to skip it). Stateless and thread-safe.
 */
abstract class RowCheck implements IndexCheck {

    private final String id;
    private final String description;

    RowCheck(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The resource name of the query: the id without {@code index.}. */
    String queryName() {
        return id.substring("index.".length());
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, queryName());
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, queryName(), rs -> finding(ctx, rs), ctx.schema()).stream()
                .filter(Objects::nonNull).toList();
    }

    /** The finding for one row, or {@code null} when the row is not one. */
    abstract Finding finding(CheckContext ctx, ResultSet rs) throws SQLException;

    Finding.Builder builder(io.dbopt.core.finding.Severity severity) {
        return Finding.builder(id, severity);
    }
}
