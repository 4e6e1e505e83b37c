package io.dbopt.json.rewrite;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads MariaDB's generated columns from {@code information_schema}. Stateless. */
public final class GeneratedColumns {

    private static final Pattern SOURCE = Pattern.compile("\\((?:json_extract\\()?([^,()]+),");
    private static final List<String> TEXT = List.of("longtext", "mediumtext", "text", "tinytext");

    private GeneratedColumns() {
    }

    /** Every generated column of the current database. */
    public static List<GeneratedColumn> read(Connection c, Dialect dialect, Duration timeout) throws SQLException {
        record Row(String table, String column, String expression, String type, String collation, boolean indexed) {
        }
        List<Row> rows = Jdbc.query(c, timeout, SqlResource.load("json", dialect, "generated-columns"),
                rs -> new Row(rs.getString("table_name"), rs.getString("column_name"), rs.getString("expression"),
                        rs.getString("data_type"), rs.getString("collation_name"), rs.getBoolean("indexed")));
        Map<String, Map<String, String>> collations = new HashMap<>();
        List<GeneratedColumn> out = new ArrayList<>();
        for (Row r : rows) {
            String expression = GeneratedColumn.normalise(r.expression());
            Matcher m = SOURCE.matcher(expression);
            boolean exact = false;
            if (m.find() && r.type() != null && TEXT.contains(r.type().toLowerCase(Locale.ROOT))) {
                Map<String, String> table = collations.computeIfAbsent(r.table(), t -> new HashMap<>());
                if (table.isEmpty()) {
                    for (String[] col : Jdbc.query(c, timeout, SqlResource.load("json", dialect, "column-collations"),
                            rs -> new String[] {rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2)},
                            r.table())) {
                        table.put(col[0], col[1]);
                    }
                }
                String source = table.get(m.group(1));
                exact = source != null && source.equalsIgnoreCase(r.collation());
            }
            out.add(new GeneratedColumn(r.table(), r.column(), expression, exact, r.indexed()));
        }
        return out;
    }
}
