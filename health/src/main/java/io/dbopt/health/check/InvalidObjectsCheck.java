package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code invalid-indexes} and {@code invalid-constraints} (PostgreSQL): indexes left invalid by a failed concurrent
 * build (they slow every write and serve no read), and constraints added {@code NOT VALID} and never validated
 * (existing rows were never checked). MariaDB has neither state.
 */
public final class InvalidObjectsCheck implements HealthCheck {

    private final CheckKind kind;

    private InvalidObjectsCheck(CheckKind kind) {
        this.kind = kind;
    }

    /** {@code invalid-indexes}. */
    public static InvalidObjectsCheck indexes() {
        return new InvalidObjectsCheck(CheckKind.INVALID_INDEXES);
    }

    /** {@code invalid-constraints}. */
    public static InvalidObjectsCheck constraints() {
        return new InvalidObjectsCheck(CheckKind.INVALID_CONSTRAINTS);
    }

    @Override
    public CheckKind kind() {
        return kind;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return dialect instanceof PostgresDialect ? Optional.empty()
                : Optional.of(kind == CheckKind.INVALID_INDEXES
                        ? "MariaDB builds indexes atomically: there are no invalid indexes"
                        : "MariaDB has no NOT VALID constraints");
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        Dialect d = ctx.dialect();
        Health.Builder b = Health.builder(kind.id());
        int[] count = {0};
        if (kind == CheckKind.INVALID_INDEXES) {
            CheckSupport.query(ctx, "invalid-indexes", rs -> {
                String table = d.quote(rs.getString("schema_name"), rs.getString("table_name"));
                String index = d.quote(rs.getString("schema_name"), rs.getString("index_name"));
                count[0]++;
                b.finding(Finding.builder(kind.checkId(), Severity.WARNING).object(DbObject.index(index))
                        .message("Index " + index + " on " + table + " is invalid (a failed concurrent build): "
                                + "every write maintains it, no query uses it")
                        .evidence("index_bytes", rs.getLong("index_bytes"))
                        .fix(Fix.sql("rebuild it without blocking writes", "REINDEX INDEX CONCURRENTLY " + index))
                        .build());
                return null;
            });
        } else {
            CheckSupport.query(ctx, "invalid-constraints", rs -> {
                String table = d.quote(rs.getString("schema_name"), rs.getString("table_name"));
                String constraint = d.quote(rs.getString("constraint_name"));
                count[0]++;
                b.finding(Finding.builder(kind.checkId(), Severity.WARNING)
                        .object(DbObject.of(ObjectType.CONSTRAINT, table + "." + constraint))
                        .message("Constraint " + constraint + " on " + table + " was added NOT VALID and never "
                                + "validated: rows written before it may break it")
                        .evidence("constraint_type", "f".equals(rs.getString("constraint_type")) ? "foreign key"
                                : "check")
                        .fix(Fix.sql("validate it (takes only a SHARE UPDATE EXCLUSIVE lock)",
                                "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + constraint))
                        .build());
                return null;
            });
        }
        return b.detail("invalid", count[0]).build();
    }
}
