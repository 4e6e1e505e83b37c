package io.dbopt.index.check;

import io.dbopt.core.jdbc.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * The old PostgreSQL check queries kept as oracles under {@code reference/postgresql} beside these tests, and the
 * rows a query returns as text, to compare a rewritten check with the query it replaced column by column and in order.
 */
final class ReferenceQueries {

    private ReferenceQueries() {
    }

    /** Every row as its columns' text ({@code label=value}, joined by {@code " | "}), in the query's order. */
    static List<String> rows(Connection c, String sql) throws Exception {
        return Jdbc.query(c, Duration.ofSeconds(60), sql, rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            StringJoiner row = new StringJoiner(" | ");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(meta.getColumnLabel(i) + "=" + rs.getString(i));
            }
            return row.toString();
        }, "public");
    }

    /** The text of the kept query {@code reference/postgresql/<name>.sql}. */
    static String reference(String name) {
        try (InputStream in = ReferenceQueries.class.getResourceAsStream("reference/postgresql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("No reference query reference/postgresql/" + name + ".sql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
