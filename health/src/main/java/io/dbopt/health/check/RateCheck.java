package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.health.sample.CounterWindow;
import io.dbopt.health.sample.ServerCounters;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The checks over the last interval's counters: {@code deadlocks} (per minute) and {@code temp-files} (PostgreSQL:
 * bytes per second written to temporary files; MariaDB: share of internal temporary tables created on disk). They
 * run no statement of their own; on the first cycle, with one reading only, they are UP with {@code rate} unknown.
 * Deadlocks are counted for this database on PostgreSQL and for the whole server on MariaDB.
 */
public final class RateCheck implements HealthCheck {

    private final CheckKind kind;
    private final double warn;
    private final double warnDiskRatio;

    private RateCheck(CheckKind kind, double warn, double warnDiskRatio) {
        this.kind = kind;
        this.warn = warn;
        this.warnDiskRatio = warnDiskRatio;
    }

    /** {@code deadlocks}: warns at {@code perMinute} deadlocks per minute. */
    public static RateCheck deadlocks(double perMinute) {
        return new RateCheck(CheckKind.DEADLOCKS, perMinute, 0);
    }

    /**
     * {@code temp-files}: warns at {@code bytesPerSecond} written to temporary files (PostgreSQL) or at
     * {@code diskRatio} of temporary tables created on disk (MariaDB).
     */
    public static RateCheck tempFiles(long bytesPerSecond, double diskRatio) {
        return new RateCheck(CheckKind.TEMP_FILES, bytesPerSecond, diskRatio);
    }

    @Override
    public CheckKind kind() {
        return kind;
    }

    @Override
    public Optional<String> unsupported(Dialect dialect) {
        return Optional.empty();
    }

    @Override
    public Health run(CheckContext ctx) {
        Health.Builder b = Health.builder(kind.id());
        if (ctx.counters().isEmpty()) {
            return b.detail("rate", "known after the next cycle").build();
        }
        CounterWindow w = ctx.counters().get();
        b.detail("window", w.length());
        DbObject database = DbObject.database(ctx.database().isEmpty() ? "(server)" : ctx.database());
        return kind == CheckKind.DEADLOCKS ? deadlocks(b, w, database)
                : ctx.dialect() instanceof PostgresDialect ? tempBytes(b, w) : tempTables(b, w);
    }

    private Health deadlocks(Health.Builder b, CounterWindow w, DbObject database) {
        OptionalDouble perSecond = w.ratePerSecond(ServerCounters.DEADLOCKS);
        if (perSecond.isEmpty()) {
            return b.detail("rate", "counter reset in this window").build();
        }
        double perMinute = perSecond.getAsDouble() * 60;
        long count = w.increase(ServerCounters.DEADLOCKS).orElse(0);
        b.detail("deadlocks", count).detail("per_minute", perMinute);
        if (count > 0 && perMinute >= warn) {
            b.finding(Finding.builder(kind.checkId(), Severity.WARNING).object(database)
                    .message(count + " deadlock(s) in the last " + CheckSupport.seconds(w.length().toMillis() / 1000.0)
                            + " (" + String.format(java.util.Locale.ROOT, "%.1f", perMinute) + " per minute): "
                            + "transactions take row locks in conflicting orders")
                    .evidence("deadlocks", count).evidence("per_minute", perMinute)
                    .fix(Fix.advice("take locks in one order (sort keys before updating), keep transactions short, "
                            + "and retry victims (dbopt-transaction does both and captures each deadlock)"))
                    .build());
        }
        return b.build();
    }

    private Health tempBytes(Health.Builder b, CounterWindow w) {
        OptionalDouble perSecond = w.ratePerSecond(ServerCounters.TEMP_BYTES);
        if (perSecond.isEmpty()) {
            return b.detail("rate", "counter reset in this window").build();
        }
        long files = w.increase(ServerCounters.TEMP_FILES).orElse(0);
        b.detail("temp_files", files).detail("temp_bytes_per_second", perSecond.getAsDouble());
        if (files > 0 && perSecond.getAsDouble() >= warn) {
            b.finding(Finding.builder(kind.checkId(), Severity.WARNING).object(DbObject.setting("work_mem"))
                    .message("Sorts and hashes wrote " + CheckSupport.bytes((long) perSecond.getAsDouble())
                            + " per second to " + files + " temporary file(s) in the last interval")
                    .evidence("temp_files", files).evidence("temp_bytes_per_second", perSecond.getAsDouble())
                    .fix(Fix.advice("find the statements that spill (log_temp_files, pg_stat_statements.temp_blks_"
                            + "written) and give them an index or more work_mem"))
                    .build());
        }
        return b.build();
    }

    private Health tempTables(Health.Builder b, CounterWindow w) {
        OptionalLong all = w.increase(ServerCounters.TMP_TABLES);
        OptionalLong disk = w.increase(ServerCounters.TMP_DISK_TABLES);
        if (all.isEmpty() || disk.isEmpty()) {
            return b.detail("rate", "counter reset in this window").build();
        }
        long merges = w.increase(ServerCounters.SORT_MERGE_PASSES).orElse(0);
        b.detail("tmp_tables", all.getAsLong()).detail("tmp_disk_tables", disk.getAsLong())
                .detail("sort_merge_passes", merges);
        if (all.getAsLong() == 0) {
            return b.build();
        }
        double ratio = (double) disk.getAsLong() / all.getAsLong();
        b.detail("disk_ratio", ratio);
        if (ratio >= warnDiskRatio && disk.getAsLong() > 0) {
            b.finding(Finding.builder(kind.checkId(), Severity.WARNING).object(DbObject.setting("tmp_table_size"))
                    .message(CheckSupport.percent(ratio) + " of internal temporary tables went to disk in the last "
                            + "interval (" + disk.getAsLong() + " of " + all.getAsLong() + ")")
                    .evidence("tmp_disk_tables", disk.getAsLong()).evidence("tmp_tables", all.getAsLong())
                    .evidence("disk_ratio", ratio).evidence("sort_merge_passes", merges)
                    .fix(Fix.advice("find the statements with Created_tmp_disk_tables in performance_schema; avoid "
                            + "TEXT/BLOB columns in GROUP BY / ORDER BY results, or raise tmp_table_size and "
                            + "max_heap_table_size together"))
                    .build());
        }
        return b.build();
    }
}
