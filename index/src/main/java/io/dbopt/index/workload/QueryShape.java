package io.dbopt.index.workload;

import io.dbopt.query.sql.StatementKind;
import java.util.List;
import java.util.Objects;

/**
 * What one SQL statement needs from indexes, table by table. Obtain one from {@link QueryShapes#parse}.
 *
 * @param sql the statement text as given
 * @param kind the statement kind
 * @param tables each access to a catalog table, including those in subqueries and CTEs
 */
public record QueryShape(String sql, StatementKind kind, List<TableAccess> tables) {

    /** Validates and copies. */
    public QueryShape {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        tables = List.copyOf(tables);
    }
}
