package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.ColumnRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Reads sample values of a column (for dictionary training and the doctor's measurements), binary columns as bytes
 * and the others as text, each statement under the time limit. Thread-safe.
 */
public final class ColumnSampler {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration timeout;

    /** A sampler on a data source. */
    public ColumnSampler(DataSource dataSource, Dialect dialect, Duration timeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Up to {@code limit} non-null values of the column, each turned into text by {@code decode} (which gets a
     * {@code byte[]} for binary columns and a {@code String} otherwise).
     */
    public List<String> values(ColumnRef column, int limit, Function<Object, String> decode) {
        String sql = "SELECT " + column.quotedColumn(dialect) + " FROM " + column.quotedTable(dialect) + " WHERE "
                + column.quotedColumn(dialect) + " IS NOT NULL LIMIT ?";
        return Jdbc.withConnection(dataSource, "sampling " + column, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout(seconds(timeout));
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean binary = io.dbopt.json.storage.JdbcTypes.isBinary(rs.getMetaData().getColumnType(1));
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(decode.apply(binary ? rs.getBytes(1) : rs.getString(1)));
                    }
                    return out;
                }
            }
        });
    }

    static int seconds(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
