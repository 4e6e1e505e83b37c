package io.dbopt.index.check;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code index.discouraged-type} (PostgreSQL): timestamp without time zone, timetz, money, char(n) and varchar(n)
 * columns, each with the type to use instead. varchar(n) is INFO (often deliberate), the others WARNING.
 */
final class DiscouragedTypeCheck extends RowCheck {

    DiscouragedTypeCheck() {
        super("index.discouraged-type", "columns of types that bite later (timestamp, timetz, money, char(n), "
                + "varchar(n))");
    }

    @Override
    Finding finding(CheckContext ctx, ResultSet rs) throws SQLException {
        TableName table = CheckSupport.table(rs);
        String column = rs.getString("column_name");
        String type = rs.getString("column_type");
        String kind = rs.getString("kind");
        String why = switch (kind) {
            case "timestamp" -> "stores no time zone: the instant depends on each session's TimeZone; use timestamptz";
            case "timetz" -> "a time with a zone cannot account for daylight saving; use timestamptz or time";
            case "money" -> "rounds and formats by lc_monetary; use numeric(p, s) with the currency alongside";
            case "char" -> "pads with blanks and is no faster than text; use text or varchar";
            default -> "limits the length: lifting it later is a catalog change, but checks belong in CHECK "
                    + "constraints; text is as fast";
        };
        return builder(kind.equals("varchar") ? Severity.INFO : Severity.WARNING)
                .object(DbObject.column(table.quoted(ctx.dialect()), ctx.dialect().quote(column)))
                .message("Column " + table.name() + "." + column + " is " + type + ": " + why)
                .evidence("type", type)
                .fix(Fix.advice("change the type in a migration (ALTER TABLE " + table.quoted(ctx.dialect())
                        + " ALTER COLUMN " + ctx.dialect().quote(column) + " TYPE ...); most changes rewrite the "
                        + "table under an ACCESS EXCLUSIVE lock"))
                .build();
    }
}
