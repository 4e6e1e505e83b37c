package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.redundant}: a non-unique index whose columns lead another index, which serves the same lookups. One
 * finding per redundant index, naming the first index that covers it.
 */
final class RedundantIndexCheck implements IndexCheck {

    @Override
    public String id() {
        return "index.redundant";
    }

    @Override
    public String description() {
        return "non-unique indexes whose columns are a leading prefix of another index";
    }

    @Override
    public boolean appliesTo(Dialect dialect) {
        return CheckSupport.hasQuery(dialect, "redundant") || CheckSupport.hasQuery(dialect, "catalog-index-columns");
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        if (!(ctx.dialect() instanceof PostgresDialect)) {
            return paired(ctx);
        }
        Map<String, Finding> byIndex = new LinkedHashMap<>();
        CheckSupport.query(ctx, "redundant", rs -> {
            TableName table = CheckSupport.table(rs);
            String index = rs.getString("index_name");
            Finding finding = finding(ctx, table, index, rs.getString("covering_index_name"),
                    rs.getLong("index_bytes"), rs.getLong("scans"), rs.getString("redundant_definition"),
                    rs.getString("covering_definition"), rs.getBoolean("partitioned"));
            byIndex.putIfAbsent(table + "\u0000" + index, finding);
            return finding;
        }, ctx.schema());
        return List.copyOf(byIndex.values());
    }

    /** One index of the MariaDB catalog snapshot, with its rank by name in its table. */
    private record Shaped(TableName table, String index, boolean nonUnique, String type,
                          MariaDbIndexCatalog.Index source, String columnList, long nameRank, boolean partitioned,
                          long bytes) {
        boolean btree() {
            return "BTREE".equals(type);
        }

        /** Whether this index's columns lead the other's, which has more of them. */
        boolean leads(Shaped other) {
            return source.leads(other.source);
        }
    }

    /**
     * MariaDB: the query lists every index once (one read of information_schema.STATISTICS); a non-unique B-tree
     * index is redundant when its shape leads a longer B-tree index's on the same table, and the covering index first
     * by name is named. Findings by table and index name, as the query orders the indexes.
     */
    private List<Finding> paired(CheckContext ctx) throws SQLException {
        MariaDbIndexCatalog catalog = MariaDbIndexCatalog.of(ctx);
        List<Shaped> indexes = new ArrayList<>();
        long rank = 0;
        String rankedTable = null;
        for (MariaDbIndexCatalog.Index index : catalog.indexes()) {
            rank = index.table().equals(rankedTable) ? rank + 1 : 1;
            rankedTable = index.table();
            indexes.add(new Shaped(TableName.of(ctx.schema(), index.table()), index.name(),
                    index.nonUnique(), index.type(), index, String.join(", ",
                    index.columns().stream().map(MariaDbIndexCatalog.Column::name).toList()), rank, false,
                    catalog.bytes(index)));
        }
        Map<TableName, List<Shaped>> byTable = new LinkedHashMap<>();
        for (Shaped index : indexes) {
            byTable.computeIfAbsent(index.table(), t -> new ArrayList<>()).add(index);
        }
        IndexUsage usage = ctx.usage();
        List<Finding> findings = new ArrayList<>();
        for (Shaped a : indexes) {
            if (!a.nonUnique() || !a.btree()) {
                continue;
            }
            Shaped covering = null;
            for (Shaped b : byTable.get(a.table())) {
                if (b != a && b.btree() && a.leads(b) && (covering == null || b.nameRank() < covering.nameRank())) {
                    covering = b;
                }
            }
            if (covering != null) {
                long scans = usage.separate() ? usage.reads(a.table().name(), a.index()) : 0L;
                findings.add(finding(ctx, a.table(), a.index(), covering.index(), a.bytes(), scans,
                        a.index() + " (" + a.columnList() + ")", covering.index() + " (" + covering.columnList() + ")",
                        a.partitioned()));
            }
        }
        return findings;
    }

    private Finding finding(CheckContext ctx, TableName table, String index, String covering, long bytes, long scans,
                            String redundantDefinition, String coveringDefinition, boolean partitioned) {
        return Finding.builder(id(), Severity.WARNING)
                .object(CheckSupport.indexObject(ctx.dialect(), table, index))
                .message("Index is a leading prefix of " + covering + " on " + table.name()
                        + ", which serves the same lookups")
                .evidence("covered_by", covering).evidence("index_bytes", bytes)
                .evidence("scans", scans)
                .evidence("redundant_definition", redundantDefinition)
                .evidence("covering_definition", coveringDefinition)
                .fix(Fix.sql("drop the redundant index; " + covering + " takes over its queries",
                        CheckSupport.dropStatement(ctx, table, index, partitioned)))
                .build();
    }
}
