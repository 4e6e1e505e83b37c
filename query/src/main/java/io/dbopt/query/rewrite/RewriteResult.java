package io.dbopt.query.rewrite;

import io.dbopt.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link QueryRewriter#rewrite(String)} did to one statement.
 *
 * @param original the statement as given
 * @param sql the statement with every automatic rewrite applied; {@code original} when none applied
 * @param applied the automatic rewrites, in order
 * @param advice the rewrites left to the developer
 */
public record RewriteResult(String original, String sql, List<Rewrite> applied, List<Rewrite> advice) {

    /** Validates and copies. */
    public RewriteResult {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(sql, "sql");
        applied = List.copyOf(applied);
        advice = List.copyOf(advice);
    }

    /** Whether an automatic rewrite changed the statement. */
    public boolean changed() {
        return !applied.isEmpty();
    }

    /** Every rewrite, applied first. */
    public List<Rewrite> all() {
        List<Rewrite> all = new ArrayList<>(applied);
        all.addAll(advice);
        return all;
    }

    /** Every rewrite as a finding about the query named {@code queryName}. */
    public List<Finding> findings(String queryName) {
        return all().stream().map(r -> r.toFinding(queryName)).toList();
    }
}
