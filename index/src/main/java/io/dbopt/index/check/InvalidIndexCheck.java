package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * {@code index.invalid} (PostgreSQL): indexes a failed concurrent build left INVALID. Indexes a build is working on
 * right now are skipped. MariaDB has no such state: a failed {@code ALTER TABLE} leaves nothing behind.
 */
final class InvalidIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.invalid";
    }

    @Override
    public String description() {
        return "indexes left INVALID by a failed CREATE INDEX CONCURRENTLY (PostgreSQL)";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "invalid");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        return CheckSupport.query(ctx, "invalid", rs -> {
            if (rs.getBoolean("build_in_progress")) {
                return null;
            }
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            String recreate = rs.getString("definition").replaceFirst("^CREATE (UNIQUE )?INDEX ",
                    "CREATE $1INDEX CONCURRENTLY ");
            return Finding.builder(id(), Severity.ERROR)
                    .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                    .message("Index on " + table.name() + " is INVALID (a failed concurrent build left it): "
                            + "writes still maintain it but no query can use it")
                    .evidence("index_bytes", rs.getLong("index_bytes"))
                    .evidence("ready_for_writes", rs.getBoolean("is_ready"))
                    .fix(recreate.startsWith("CREATE UNIQUE")
                            // a unique build fails again until the duplicates that failed it are gone
                            ? Fix.sql("drop the invalid index; remove the duplicate keys that made the build fail, "
                                    + "then build it again: " + recreate,
                                    IndexDdl.dropOnline(ctx.dialect(), table, index))
                            : Fix.sql("drop the invalid index and build it again (after what made the build fail: a "
                                    + "lock or statement timeout)", IndexDdl.dropOnline(ctx.dialect(), table, index),
                                    recreate))
                    .build();
        }, ctx.schema()).stream().filter(Objects::nonNull).toList();
    }
}
