package io.dbopt.json.advice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds change-history tables that keep a full copy of the document for every change: tables with a one-column
 * foreign key (the document), a time column and a text or JSON column (the content), whose consecutive copies of the
 * same document, sampled, repeat most of each other. Candidates are sampled several to a query (a {@code UNION ALL}
 * of one branch per table, at most {@value #BATCH_TABLES} tables and about {@value #BATCH_ROWS} estimated rows
 * each; a table of unknown or larger size alone), so a schema of thousands of such tables costs tens of queries,
 * not thousands. Stateless.
 */
public final class HistoryAdvisor {

    private static final int DOCUMENTS = 20;
    private static final int VERSIONS = 200;
    private static final int MIN_PAIRS = 3;
    private static final int MIN_COPY_BYTES = 500;
    private static final int MAX_DIFFED_CHARS = 200_000;
    /** Tables sampled by one query at most. */
    static final int BATCH_TABLES = 50;
    /** Estimated rows of the tables sampled by one query at most (a larger table goes alone). */
    static final long BATCH_ROWS = 1_000_000;
    private static final Set<String> TIME_TYPES = Set.of("datetime", "timestamp");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME_NAME =
            Pattern.compile("(changed|created|updated|modified|saved|recorded)_?(at|on)?");
    private static final Pattern CONTENT_NAME = Pattern.compile(".*(content|body|html|text|data|doc).*");

    /**
     * A table that looks like a change history.
     *
     * @param table the table
     * @param document the document column (the foreign key)
     * @param time the time column
     * @param content the content column
     * @param contentMaxChars the most characters the content column holds (its declared length), or -1 when it has
     *     none (text, json, varchar without a length) or the candidate was built by hand
     */
    public record Candidate(String table, String document, String time, String content, long contentMaxChars) {

        /** A candidate whose content column's maximum length is not known. */
        public Candidate(String table, String document, String time, String content) {
            this(table, document, time, content, -1);
        }
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
        List<Row> rows = dialect instanceof PostgresDialect
                ? Jdbc.query(c, timeout, SqlResource.load("json", dialect, "history-candidates"),
                        rs -> new Row(rs.getString("table_name"), rs.getString("document_column"),
                                rs.getString("parent_table"), rs.getString("time_column"),
                                rs.getString("content_column"), rs.getLong("content_max_chars")))
                : paired(c);
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        rows.forEach(r -> byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r));
        List<Candidate> out = new ArrayList<>();
        for (List<Row> options : byTable.values()) {
            Row best = options.stream().max(Comparator.comparingInt((Row r) -> score(r.time())
                    + (CONTENT_NAME.matcher(r.content().toLowerCase(Locale.ROOT)).matches() ? 2 : 0)
                    + (r.parent() != null && r.table().toLowerCase(Locale.ROOT).startsWith(singular(r.parent()))
                    ? 2 : 0))).orElseThrow();
            out.add(new Candidate(best.table(), best.document(), best.time(), best.content(), best.contentMax()));
        }
        return out;
    }

    private record Row(String table, String document, String parent, String time, String content, long contentMax) {
    }

    /**
     * MariaDB: the query gives each one-column foreign key once with its table's time and content columns by name
     * (each catalog table read once); every time column is paired with every content column here, in name order.
     */
    private List<Row> paired(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (Object[] key : Jdbc.query(c, timeout, SqlResource.load("json", dialect, "history-candidates"),
                rs -> new Object[] {rs.getString("table_name"), rs.getString("document_column"),
                        rs.getString("parent_table"), rs.getString("columns")})) {
            JsonNode columns;
            try {
                columns = JSON.readTree((String) key[3]);
            } catch (JsonProcessingException e) {
                throw new SQLException("Unexpected column list from the catalog: " + key[3], e);
            }
            for (JsonNode time : columns) {
                if (!TIME_TYPES.contains(time.get(1).asText())) {
                    continue;
                }
                for (JsonNode content : columns) {
                    if (TIME_TYPES.contains(content.get(1).asText())) {
                        continue;
                    }
                    rows.add(new Row((String) key[0], (String) key[1], (String) key[2], time.get(0).asText(),
                            content.get(0).asText(), content.get(2).isNull() ? -1 : content.get(2).asLong()));
                }
            }
        }
        return rows;
    }

    /**
     * Whether sampling the candidate can end in a finding: false when its content column is declared too short to
     * hold a copy of {@value #MIN_COPY_BYTES} characters (a column of n characters reads as at most 2n Java chars,
     * supplementary characters counting two), so the doctor need not sample it. True when the length is unknown.
     */
    public boolean mayHoldCopies(Candidate candidate) {
        return candidate.contentMaxChars() < 0 || 2 * candidate.contentMaxChars() >= MIN_COPY_BYTES;
    }

    private static int score(String time) {
        return TIME_NAME.matcher(time.toLowerCase(Locale.ROOT)).matches() ? 3 : 0;
    }

    private static String singular(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
    }

    /** Samples consecutive versions of a candidate; empty when too few documents have several versions. */
    public Optional<Measurement> measure(Connection c, Candidate candidate) throws SQLException {
        return measureAll(c, List.of(candidate)).get(0);
    }

    /**
     * Samples consecutive versions of every candidate, several tables to a query (see the class description); the
     * answers are in the candidates' order, each empty when too few documents of that table have several versions.
     */
    public List<Optional<Measurement>> measureAll(Connection c, List<Candidate> candidates) throws SQLException {
        Map<String, Long> rows = candidates.size() > 1 ? tableRows(c) : Map.of();
        List<Optional<Measurement>> out = new ArrayList<>(candidates.size());
        int from = 0;
        while (from < candidates.size()) {
            int to = from + 1;
            long batchRows = rows.getOrDefault(candidates.get(from).table(), -1L);
            while (batchRows >= 0 && to < candidates.size() && to - from < BATCH_TABLES) {
                long next = rows.getOrDefault(candidates.get(to).table(), -1L);
                if (next < 0 || batchRows + next > BATCH_ROWS) {
                    break;
                }
                batchRows += next;
                to++;
            }
            List<Candidate> batch = candidates.subList(from, to);
            List<List<String[]>> versions = sample(c, batch);
            for (int i = 0; i < batch.size(); i++) {
                out.add(measurement(batch.get(i), versions.get(i)));
            }
            from = to;
        }
        return out;
    }

    private Map<String, Long> tableRows(Connection c) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        for (Map.Entry<String, Long> e : Jdbc.query(c, timeout, SqlResource.load("json", dialect, "table-rows"),
                rs -> Map.entry(rs.getString("table_name"), rs.getLong("table_rows")))) {
            rows.put(e.getKey(), e.getValue());
        }
        return rows;
    }

    /**
     * The sampled versions of each table of a batch (document, content; in document and time order): one branch per
     * table, each numbered and its rows counted in that order, so the answer does not depend on how the server
     * interleaves branches. Document and content are read as text (branches' column types differ). The text starts
     * with {@link SqlResource#MARKER}: run on every doctor run, these batches were the heaviest statements of a
     * 1,000-table database's statistics, which the Queries section explained and parsed (seconds).
     */
    private List<List<String[]>> sample(Connection c, List<Candidate> batch) throws SQLException {
        // marked as dbopt's own, as the SQL resources are: the doctor's top statements leave it out
        StringBuilder sql = new StringBuilder(SqlResource.MARKER).append('\n');
        int start = sql.length();
        for (Candidate k : batch) {
            String t = dialect.quote(k.table());
            String d = dialect.quote(k.document());
            String order = "h." + d + ", h." + dialect.quote(k.time());
            sql.append(sql.length() == start ? "" : " UNION ALL ").append("(SELECT ? AS branch, ROW_NUMBER() OVER (ORDER BY ")
                    .append(order).append(") AS seq, ").append(text("h." + d)).append(" AS document, ")
                    .append(text("h." + dialect.quote(k.content()))).append(" AS content FROM ").append(t)
                    .append(" h JOIN (SELECT ").append(d).append(" FROM ").append(t).append(" GROUP BY ").append(d)
                    .append(" HAVING count(*) > 1 LIMIT ?) x ON x.").append(d).append(" = h.").append(d)
                    .append(" ORDER BY ").append(order).append(" LIMIT ?)");
        }
        record Version(long seq, String[] row) {
        }
        List<List<Version>> versions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            versions.add(new ArrayList<>());
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setQueryTimeout(ColumnSampler.seconds(timeout));
            for (int i = 0; i < batch.size(); i++) {
                ps.setInt(3 * i + 1, i);
                ps.setInt(3 * i + 2, DOCUMENTS);
                ps.setInt(3 * i + 3, VERSIONS);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.get(rs.getInt(1)).add(new Version(rs.getLong(2),
                            new String[] {rs.getString(3), rs.getString(4)}));
                }
            }
        }
        return versions.stream().map(v -> v.stream().sorted(Comparator.comparingLong(Version::seq))
                .map(Version::row).toList()).toList();
    }

    /** A column as text: the branches of a batch have different column types. */
    private String text(String column) {
        return dialect instanceof PostgresDialect ? "CAST(" + column + " AS text)"
                : "CONVERT(" + column + " USING utf8mb4)";
    }

    private static Optional<Measurement> measurement(Candidate candidate, List<String[]> rows) {
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
