package io.dbopt.migration.data;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Picks a repeatable sample of a large table for rules that can be checked on one: PostgreSQL
 * {@code TABLESAMPLE BERNOULLI (p) REPEATABLE (seed)}; MariaDB, which has no TABLESAMPLE, sixteen key ranges at
 * seed-determined offsets of an integer primary key (index range scans), or a seeded hash of the key otherwise.
 * The same seed gives the same sample on the same data. Immutable and thread-safe.
 */
public final class DataSampler {

    private static final int RANGES = 16;

    private final Dialect dialect;
    private final double percent;
    private final long seed;

    /**
     * A sampler.
     *
     * @param percent the share of rows to examine, in percent (0 &lt; percent &lt;= 100)
     * @param seed the seed that makes the sample repeatable
     */
    public DataSampler(Dialect dialect, double percent, long seed) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("Sample percent must be in (0, 100], was " + percent);
        }
        this.dialect = dialect;
        this.percent = percent;
        this.seed = seed;
    }

    /**
     * A sample of a table: the FROM clause (the table aliased {@code s}), an optional WHERE condition, and the values
     * to bind, first those of the FROM clause, then those of the condition.
     *
     * @param from the FROM clause text
     * @param fromParams values bound in the FROM clause
     * @param where the condition selecting the sample, empty for PostgreSQL
     * @param whereParams values bound in the condition
     */
    public record Sample(String from, List<Object> fromParams, Optional<String> where, List<Object> whereParams) {
        /** Copies. */
        public Sample {
            fromParams = List.copyOf(fromParams);
            whereParams = List.copyOf(whereParams);
        }
    }

    /** The whole table, unsampled. */
    public Sample all(TableSchema table) {
        return new Sample(dialect.quote(table.name()) + " s", List.of(), Optional.empty(), List.of());
    }

    /** A repeatable sample of the table. */
    public Sample sample(Connection c, TableSchema table) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            return new Sample(dialect.quote(table.name()) + " s TABLESAMPLE BERNOULLI (CAST(? AS real)) REPEATABLE "
                    + "(CAST(? AS double precision))", List.of(percent, (double) seed), Optional.empty(), List.of());
        }
        List<String> key = table.primaryKey().map(k -> k.columns()).orElse(List.of());
        boolean integerKey = key.size() == 1 && table.column(key.get(0)).map(ColumnSchema::type)
                .filter(t -> t.matches("(tiny|small|medium|big)?int( unsigned)?")).isPresent();
        if (integerKey) {
            return keyRanges(c, table, key.get(0));
        }
        List<String> columns = key.isEmpty() ? table.columns().stream().map(ColumnSchema::name).toList() : key;
        String hashed = columns.stream().map(n -> "COALESCE(CAST(s." + dialect.quote(n) + " AS CHAR), '')")
                .collect(Collectors.joining(", "));
        return new Sample(dialect.quote(table.name()) + " s", List.of(), Optional.of("MOD(CRC32(CONCAT(?, " + hashed
                + ")), 10000) < ?"), List.of(Long.toString(seed), Math.round(percent * 100)));
    }

    private Sample keyRanges(Connection c, TableSchema table, String key) throws SQLException {
        String q = dialect.quote(key);
        long[] bounds = Jdbc.queryFirst(c, "SELECT MIN(" + q + "), MAX(" + q + ") FROM " + dialect.quote(table.name()),
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElse(new long[] {0, 0});
        long span = bounds[1] - bounds[0] + 1;
        long slice = Math.max(1, span / RANGES);
        long width = Math.max(1, Math.round(slice * percent / 100.0));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ranges = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < RANGES; i++) {
            long start = bounds[0] + i * slice + (slice > width ? random.nextLong(slice - width + 1) : 0);
            ranges.add("s." + q + " BETWEEN ? AND ?");
            params.add(start);
            params.add(start + width - 1);
        }
        return new Sample(dialect.quote(table.name()) + " s", List.of(), Optional.of("(" + String.join(" OR ", ranges)
                + ")"), params);
    }
}
