package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Measures a path on sampled rows: how many have a value there, how many distinct values, and how many equal a
 * constant. Keys and constants are bound; the first {@code json.sample_rows} rows are read, under the time limit.
 * Stateless.
 */
public final class PathSampler {

    /**
     * What the sample showed.
     *
     * @param rows rows sampled
     * @param present rows with a value at the path
     * @param distinct distinct values at the path
     * @param matching rows whose value equals the constant, when one was given
     */
    public record Sample(long rows, long present, long distinct, OptionalLong matching) {

        /** Share of rows with a value. */
        public OptionalDouble presentShare() {
            return rows == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) present / rows);
        }
    }

    private PathSampler() {
    }

    /** Samples a path of keys (PostgreSQL {@code ->>}, MariaDB {@code JSON_VALUE}). */
    public static Sample sample(Connection c, Dialect dialect, String table, String column, JsonPath path,
                                String constant, int rows, Duration timeout) throws SQLException {
        boolean pg = dialect instanceof PostgresDialect;
        List<Object> params = new ArrayList<>();
        String value;
        if (pg) {
            StringBuilder expr = new StringBuilder(dialect.quote(column));
            for (int i = 0; i < path.steps().size(); i++) {
                JsonPath.Step s = path.steps().get(i);
                expr.append(i == path.steps().size() - 1 ? " ->> " : " -> ")
                        .append(s.position() ? "CAST(? AS integer)" : "CAST(? AS text)");
                params.add(s.key());
            }
            value = expr.toString();
        } else {
            value = "JSON_VALUE(" + dialect.quote(column) + ", ?)";
            params.add(path.sqlJson());
        }
        String matching = constant == null ? "0" : pg ? "count(*) FILTER (WHERE v = ?)" : "SUM(v = ?)";
        String sql = "SELECT count(*), count(v), count(DISTINCT v), " + matching + " FROM (SELECT " + value
                + " AS v FROM " + dialect.quote(table) + " LIMIT ?) s";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            int i = 1;
            if (constant != null) {
                ps.setString(i++, constant);
            }
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, rows);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Sample(rs.getLong(1), rs.getLong(2), rs.getLong(3), constant == null ? OptionalLong.empty()
                        : OptionalLong.of(rs.getLong(4)));
            }
        }
    }
}
