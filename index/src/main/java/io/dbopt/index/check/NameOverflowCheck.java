package io.dbopt.index.check;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/** {@code index.name-overflow} (PostgreSQL): names that use all 63 bytes and were probably cut. */
final class NameOverflowCheck extends RowCheck {

    NameOverflowCheck() {
        super("index.name-overflow", "object names at PostgreSQL's 63-byte limit");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, queryName(), rs -> finding(ctx, rs), ctx.schema(), ctx.schema(),
                ctx.schema()).stream().filter(Objects::nonNull).toList();
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        String schema = rs.getString("schema_name");
        String name = rs.getString("object_name");
        String kind = rs.getString("object_kind");
        String table = rs.getString("table_name");
        String quoted = table.isEmpty() ? ctx.dialect().quote(schema, name)
                : ctx.dialect().quote(schema, table) + "." + ctx.dialect().quote(name);
        ObjectType type = switch (kind) {
            case "column" -> ObjectType.COLUMN;
            case "constraint" -> ObjectType.CONSTRAINT;
            default -> ObjectType.OTHER;
        };
        return builder(Severity.INFO)
                .object(DbObject.of(type, quoted))
                .message("The " + kind + " name " + name + " is 63 bytes long, PostgreSQL's limit: a longer name was "
                        + "probably cut, and names derived from it will be cut too")
                .evidence("bytes", 63)
                .fix(Fix.advice("rename it to a shorter name (ALTER ... RENAME), and keep new names under 63 bytes"))
                .build();
    }
}
