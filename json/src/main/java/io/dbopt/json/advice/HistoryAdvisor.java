package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.json.history.TextDiffs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds change-history tables that keep a full copy of the document for every change: tables with a one-column
 * foreign key (the document), a time column and a text or JSON column (the content), whose consecutive copies of the
 * same document, sampled, repeat most of each other. Stateless.
 */
public final class HistoryAdvisor {

    private static final int DOCUMENTS = 20;
    private static final int VERSIONS = 200;
    private static final int MIN_PAIRS = 3;
    private static final int MIN_COPY_BYTES = 500;
    private static final int MAX_DIFFED_CHARS = 200_000;

    /**
     * A table that looks like a change history.
     *
     * @param table the table
     * @param document the document column (the foreign key)
     * @param time the time column
     * @param content the content column
     */
    public record Candidate(String table, String document, String time, String content) {
    }

    /**
     * What sampling showed.
     *
     * @param candidate the table and columns
     * @param pairs consecutive pairs of versions compared
     * @param averageCopyBytes the average copy's length
     * @param similarity the average share of a version its successor repeats (1 - diff / size)
     */
    public record Measurement(Candidate candidate, int pairs, double averageCopyBytes, double similarity) {
    }

    private final Dialect dialect;
    private final Duration timeout;

    /** An advisor for a dialect. */
    public HistoryAdvisor(Dialect dialect, Duration timeout) {
        this.dialect = dialect;
        this.timeout = timeout;
    }

    /** Tables that look like change histories, with their columns chosen. */
    public List<Candidate> candidates(Connection c) throws SQLException {
        record Row(String table, String document, String parent, String time, String content) {
        }
        List<Row> rows = Jdbc.query(c, timeout, SqlResource.load("json", dialect, "history-candidates"),
                rs -> new Row(rs.getString("table_name"), rs.getString("document_column"),
                        rs.getString("parent_table"), rs.getString("time_column"), rs.getString("content_column")));
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        rows.forEach(r -> byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r));
        List<Candidate> out = new ArrayList<>();
        for (List<Row> options : byTable.values()) {
            Row best = options.stream().max(Comparator.comparingInt((Row r) -> score(r.time())
                    + (r.content().toLowerCase(Locale.ROOT).matches(".*(content|body|html|text|data|doc).*") ? 2 : 0)
                    + (r.parent() != null && r.table().toLowerCase(Locale.ROOT).startsWith(singular(r.parent()))
                    ? 2 : 0))).orElseThrow();
            out.add(new Candidate(best.table(), best.document(), best.time(), best.content()));
        }
        return out;
    }

    private static int score(String time) {
        return time.toLowerCase(Locale.ROOT).matches("(changed|created|updated|modified|saved|recorded)_?(at|on)?")
                ? 3 : 0;
    }

    private static String singular(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
    }

    /** Samples consecutive versions of a candidate; empty when too few documents have several versions. */
    public Optional<Measurement> measure(Connection c, Candidate candidate) throws SQLException {
        String t = dialect.quote(candidate.table());
        String d = dialect.quote(candidate.document());
        String sql = "SELECT h." + d + ", h." + dialect.quote(candidate.content()) + " FROM " + t + " h JOIN (SELECT "
                + d + " FROM " + t + " GROUP BY " + d + " HAVING count(*) > 1 LIMIT ?) x ON x." + d + " = h." + d
                + " ORDER BY h." + d + ", h." + dialect.quote(candidate.time()) + " LIMIT ?";
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(ColumnSampler.seconds(timeout));
            ps.setInt(1, DOCUMENTS);
            ps.setInt(2, VERSIONS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        int pairs = 0;
        double similarity = 0;
        double size = 0;
        for (int i = 1; i < rows.size(); i++) {
            String[] a = rows.get(i - 1);
            String[] b = rows.get(i);
            if (a[0] == null || !a[0].equals(b[0]) || a[1] == null || b[1] == null || b[1].isEmpty()
                    || a[1].length() > MAX_DIFFED_CHARS || b[1].length() > MAX_DIFFED_CHARS) {
                continue;
            }
            similarity += Math.max(0, 1 - (double) TextDiffs.diff(a[1], b[1]).length() / b[1].length());
            size += b[1].length();
            pairs++;
        }
        if (pairs < MIN_PAIRS) {
            return Optional.empty();
        }
        return Optional.of(new Measurement(candidate, pairs, size / pairs, similarity / pairs));
    }

    /** The finding for a measured table, when its copies are near-identical and large enough to matter. */
    public Optional<Finding> finding(Connection c, Measurement m, double minSimilarity) throws SQLException {
        if (m.similarity() < minSimilarity || m.averageCopyBytes() < MIN_COPY_BYTES) {
            return Optional.empty();
        }
        Candidate k = m.candidate();
        long[] size = Jdbc.query(c, timeout, SqlResource.load("json", dialect, "table-size"),
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, k.table()).stream().findFirst()
                .orElse(new long[] {0, 0});
        return Optional.of(Finding.builder("json.full-copy-history", Severity.WARNING)
                .object(DbObject.table(dialect.quote(k.table())))
                .message("History table " + k.table() + " keeps a full copy of " + k.content() + " for every change; "
                        + "consecutive versions repeat " + String.format(Locale.ROOT, "%.0f %%", m.similarity() * 100)
                        + " of each other")
                .evidence("pairs_sampled", m.pairs())
                .evidence("average_copy_bytes", Math.round(m.averageCopyBytes()))
                .evidence("similarity", Math.round(m.similarity() * 1000) / 1000.0)
                .evidence("table_rows", size[0]).evidence("table_bytes", size[1])
                .fix(Fix.advice("Store changes as diffs with dbopt's ChangeHistory (line diffs or JSON Patch, a "
                        + "snapshot every 50 versions), converting the existing rows resumably: "
                        + "history.conversion(FullCopyTable.of(\"" + k.table() + "\", \"" + k.document() + "\", \""
                        + k.content() + "\", \"" + k.time() + "\")).run(); then record new changes with "
                        + "history.record(...) and drop the copies"))
                .build());
    }
}
