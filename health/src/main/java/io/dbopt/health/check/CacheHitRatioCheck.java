package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code cache-hit-ratio}: blocks found in the buffer cache against all blocks asked for, since statistics were
 * reset (PostgreSQL: this database's {@code pg_stat_database}; MariaDB: the InnoDB buffer pool, server-wide). A
 * database that has read nothing yet is UP.
 */
public final class CacheHitRatioCheck implements HealthCheck {

    private final double warn;

    /** Warns below a hit ratio of {@code warn} (0 to 1). */
    public CacheHitRatioCheck(double warn) {
        this.warn = warn;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.CACHE_HIT_RATIO;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return Optional.empty();
    }

    @Override
    public Health run(CheckContext ctx) throws SQLException {
        List<long[]> rows = CheckSupport.query(ctx, "cache-hit-ratio",
                rs -> new long[] {rs.getLong("blks_hit"), rs.getLong("blks_read")});
        Health.Builder b = Health.builder(kind().id());
        if (rows.isEmpty() || rows.get(0)[0] + rows.get(0)[1] == 0) {
            return b.detail("blocks", 0).build();
        }
        long hit = rows.get(0)[0];
        long read = rows.get(0)[1];
        double ratio = (double) hit / (hit + read);
        b.detail("hit_ratio", ratio).detail("blocks_hit", hit).detail("blocks_read", read);
        if (ratio < warn) {
            boolean postgres = ctx.dialect() instanceof PostgresDialect;
            b.finding(Finding.builder(kind().checkId(), Severity.WARNING)
                    .object(DbObject.setting(postgres ? "shared_buffers" : "innodb_buffer_pool_size"))
                    .message("Only " + CheckSupport.percent(ratio) + " of block reads are served from the buffer "
                            + "cache (below " + CheckSupport.percent(warn) + "): the working set does not fit in "
                            + "memory, or scans read whole tables")
                    .evidence("hit_ratio", ratio).evidence("blocks_hit", hit).evidence("blocks_read", read)
                    .fix(Fix.advice("find the queries that read the most blocks (pg_stat_statements / performance_"
                            + "schema); add the indexes they miss, or give the "
                            + (postgres ? "server more shared_buffers" : "buffer pool more memory")))
                    .build());
        }
        return b.build();
    }
}
