package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.duplicate}: identical indexes on one table. The first of a group (one a constraint owns, else a
 * unique one, else the most scanned) is kept; each other one is a finding with the statement that drops it.
 */
final class DuplicateIndexCheck implements IndexCheck {

    private record Row(TableName table, String index, boolean partitioned, boolean constraintOwned, boolean unique,
                       long scans, long bytes, String signature) {
    }

    @Override
    public String id() {
        return "index.duplicate";
    }

    @Override
    public String description() {
        return "indexes identical to another index of the same table";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "duplicate") || CheckSupport.hasQuery(dialect, "catalog-index-columns");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        IndexUsage usage = ctx.usage();
        List<Row> rows = usage.separate() ? mariaDb(ctx) : CheckSupport.query(ctx, "duplicate", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            return new Row(table, index, rs.getBoolean("partitioned"), rs.getBoolean("constraint_owned"),
                    rs.getBoolean("is_unique"),
                    usage.separate() ? usage.reads(table.name(), index) : rs.getLong("scans"),
                    rs.getLong("index_bytes"), rs.getString("signature"));
        }, ctx.schema());
        if (usage.separate()) {
            rows = mostScannedFirst(rows);
        }
        List<Finding> findings = new ArrayList<>();
        Row kept = null;
        for (Row row : rows) {
            if (kept == null || !kept.signature().equals(row.signature())) {
                kept = row; // rows arrive grouped by signature, the one to keep first
                continue;
            }
            Fix fix = row.constraintOwned()
                    ? Fix.advice("both indexes back constraints: drop the redundant constraint, which drops its "
                            + "index")
                    : Fix.sql("drop the duplicate; " + kept.index() + " serves the same queries",
                            CheckSupport.dropStatement(ctx, row.table(), row.index(), row.partitioned()));
            findings.add(Finding.builder(id(), Severity.WARNING)
                    .object(CheckSupport.indexObject(ctx.dialect(), row.table(), row.index()))
                    .message("Index duplicates " + kept.index() + " on " + row.table().name()
                            + ": every write maintains both, no query needs the second")
                    .evidence("duplicate_of", kept.index()).evidence("index_bytes", row.bytes())
                    .evidence("scans", row.scans())
                    .fix(fix).build());
        }
        return findings;
    }

    /**
     * MariaDB: the indexes of the run's {@link MariaDbIndexCatalog} with the same type and columns (position, name,
     * prefix length, sort order) as another of their table, in the order the query gave: by table, then by the
     * group's first index by name (the signature), then those a constraint owns, then unique ones, then by name.
     */
    private static List<Row> mariaDb(CheckContext ctx) throws SQLException {
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        IndexUsage usage = ctx.usage();
        List<Row> rows = new ArrayList<>();
        List<MariaDbIndexCatalog.Index> all = catalog.indexes();
        int from = 0;
        while (from < all.size()) {
            String table = all.get(from).table();
            int to = from;
            // indexes of one table by name; a group is keyed by type and columns (position, name, prefix, order),
            // in order of its first index
            Map<List<Object>, List<MariaDbIndexCatalog.Index>> groups = new LinkedHashMap<>();
            while (to < all.size() && all.get(to).table().equals(table)) {
                MariaDbIndexCatalog.Index index = all.get(to);
                groups.computeIfAbsent(List.of(index.type(), index.columns()), k -> new ArrayList<>()).add(index);
                to++;
            }
            TableName name = TableName.of(ctx.schema(), table);
            for (List<MariaDbIndexCatalog.Index> group : groups.values()) {
                if (group.size() < 2) {
                    continue;
                }
                String signature = table + "/" + group.get(0).name();
                List<Row> members = new ArrayList<>();
                for (MariaDbIndexCatalog.Index index : group) {
                    members.add(new Row(name, index.name(), false, !index.nonUnique() || index.primary(),
                            !index.nonUnique(), usage.reads(table, index.name()), catalog.bytes(index), signature));
                }
                // stable: equal constraint and uniqueness keep the name order
                members.sort(Comparator.comparing(Row::constraintOwned).reversed()
                        .thenComparing(Comparator.comparing(Row::unique).reversed()));
                rows.addAll(members);
            }
            from = to;
        }
        return rows;
    }

    /**
     * MariaDB's query orders each group by table, signature, constraint and uniqueness, then by name; the scans come
     * from {@link IndexUsage}, so the most scanned of equal constraint and uniqueness goes first here, as the
     * query's {@code scans DESC} put it before (a stable sort: equal scans keep the query's name order).
     */
    private static List<Row> mostScannedFirst(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        int start = 0;
        while (start < rows.size()) {
            Row first = rows.get(start);
            int end = start + 1;
            while (end < rows.size() && sameRank(first, rows.get(end))) {
                end++;
            }
            List<Row> run = new ArrayList<>(rows.subList(start, end));
            run.sort(Comparator.comparingLong(Row::scans).reversed());
            out.addAll(run);
            start = end;
        }
        return out;
    }

    private static boolean sameRank(Row a, Row b) {
        return a.table().equals(b.table()) && a.signature().equals(b.signature())
                && a.constraintOwned() == b.constraintOwned() && a.unique() == b.unique();
    }
}
