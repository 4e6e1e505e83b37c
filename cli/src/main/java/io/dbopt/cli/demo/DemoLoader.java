package io.dbopt.cli.demo;

import io.dbopt.cli.progress.ConsoleProgress;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates the demo application's schema and loads its data on the server ({@code generate_series}), showing
 * progress with the CLI's {@link ConsoleProgress}: a bar with rate and time left on a terminal, one line per table
 * otherwise. About 470,000 rows in 15 tables; the largest, {@code tasks}, has 200,000.
 */
public final class DemoLoader {

    private static final String SEPARATOR = ";;";
    private static final String STEP = "-- step: ";

    private final DataSource dataSource;
    private final ConsoleProgress progress;

    /**
     * A loader for a database that must be empty of the demo tables.
     *
     * @param progress where progress goes (the CLI draws on standard error so reports stay clean)
     */
    public DemoLoader(DataSource dataSource, ConsoleProgress progress) {
        this.dataSource = dataSource;
        this.progress = progress;
    }

    /** Creates the schema and loads the data; returns the total number of rows loaded. */
    public long load() {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            for (String sql : statements(read("schema.sql"))) {
                st.execute(sql);
            }
            progress.line("[demo] schema created: 15 tables with planted problems");
            List<String> data = statements(read("data.sql"));
            ConsoleProgress.Task task = progress.task("[demo] loading", java.util.OptionalLong.of(expectedRows(data)));
            long rows = 0;
            String step = "";
            long stepRows = 0;
            long stepStart = System.nanoTime();
            for (String sql : data) {
                String next = stepOf(sql);
                if (!next.isEmpty()) {
                    report(task, step, stepRows, stepStart);
                    step = next;
                    stepRows = 0;
                    stepStart = System.nanoTime();
                }
                boolean resultSet = st.execute(stripStepLine(sql));
                long count = resultSet ? 0 : Math.max(st.getUpdateCount(), 0);
                rows += count;
                stepRows += count;
            }
            report(task, step, stepRows, stepStart);
            st.execute("SELECT pg_stat_statements_reset()");
            task.finish(String.format(Locale.ROOT, "[demo] %,d rows loaded in %.1f s", rows,
                    (System.nanoTime() - t0) / 1e9));
            return rows;
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("loading the demo application", e);
        }
    }

    private static void report(ConsoleProgress.Task task, String step, long rows, long startNanos) {
        if (!step.isEmpty()) {
            task.advance(rows, step);
            task.plain(String.format(Locale.ROOT, "[demo] loaded %-22s %,9d rows in %,6d ms", step, rows,
                    (System.nanoTime() - startNanos) / 1_000_000));
        }
    }

    /** The rows the step lines announce ({@code -- step: tasks 200000}), for the bar's total. */
    static long expectedRows(List<String> statements) {
        long total = 0;
        for (String sql : statements) {
            for (String line : sql.split("\n")) {
                if (line.startsWith(STEP)) {
                    String[] parts = line.substring(STEP.length()).trim().split("\\s+");
                    if (parts.length > 1 && parts[1].matches("\\d+")) {
                        total += Long.parseLong(parts[1]);
                    }
                }
            }
        }
        return total;
    }

    private static String stepOf(String sql) {
        for (String line : sql.split("\n")) {
            if (line.startsWith(STEP)) {
                String[] parts = line.substring(STEP.length()).trim().split("\\s+");
                return parts[0];
            }
        }
        return "";
    }

    private static String stripStepLine(String sql) {
        StringBuilder sb = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().trim();
    }

    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.trim().equals(SEPARATOR)) {
                add(result, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(result, current);
        return result;
    }

    private static void add(List<String> result, StringBuilder statement) {
        String text = statement.toString().trim();
        boolean onlyComments = text.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("--"));
        if (!onlyComments) {
            result.add(text);
        }
    }

    private static String read(String name) {
        try (InputStream in = DemoLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DbOptException(CoreErrorCode.RESOURCE_MISSING, "Demo script " + name
                        + " is missing from the dbopt jar: rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbOptException(CoreErrorCode.RESOURCE_MISSING, "Cannot read demo script " + name, e);
        }
    }
}
