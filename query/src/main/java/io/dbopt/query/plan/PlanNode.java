package io.dbopt.query.plan;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * One node of an execution plan, in a shape shared by PostgreSQL and MariaDB. Row counts are per loop, as the
 * servers report them; multiply by {@link #loops()} for totals. Conditions have their values replaced by
 * {@code ?}, so nodes can be logged and reported.
 *
 * @param type what the node does: PostgreSQL's node type ({@code Seq Scan}, {@code Hash Join}, {@code Sort}) or,
 *     on MariaDB, {@code table} for a table access and the JSON key for operations ({@code filesort},
 *     {@code temporary_table}, {@code block-nl-join}, {@code query_block})
 * @param relation the table read, empty when none
 * @param index the index used, empty when none
 * @param accessType how the table is read on MariaDB ({@code ALL}, {@code ref}, {@code range}, ...); on
 *     PostgreSQL the scan kind, empty for other nodes
 * @param estimatedRows rows the node is expected to return
 * @param actualRows rows it returned, when the plan was analyzed
 * @param estimatedScannedRows rows it is expected to read before filtering (the same as {@code estimatedRows} when
 *     unknown)
 * @param actualScannedRows rows it read before filtering, when analyzed
 * @param loops how often the node ran (1 when not analyzed)
 * @param cost the planner's total cost (PostgreSQL; MariaDB's cost where given, else 0)
 * @param actualMillis time spent in the node and its children per loop, when analyzed
 * @param filter the filter applied after reading, values masked, empty when none
 * @param indexCondition the index condition, values masked, empty when none
 * @param spilledToDisk whether a sort or hash wrote to disk
 * @param detail further facts in short form ({@code sort: external merge}, {@code join: Inner}), empty when none
 * @param children the input nodes, outer (first) input first
 */
public record PlanNode(String type, String relation, String index, String accessType, double estimatedRows,
                       OptionalDouble actualRows, double estimatedScannedRows, OptionalDouble actualScannedRows,
                       double loops, double cost, OptionalDouble actualMillis, String filter, String indexCondition,
                       boolean spilledToDisk, String detail, List<PlanNode> children) {

    /** Validates and copies. */
    public PlanNode {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(accessType, "accessType");
        Objects.requireNonNull(actualRows, "actualRows");
        Objects.requireNonNull(actualScannedRows, "actualScannedRows");
        Objects.requireNonNull(actualMillis, "actualMillis");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(indexCondition, "indexCondition");
        Objects.requireNonNull(detail, "detail");
        children = List.copyOf(children);
    }

    /** Whether the node carries run-time figures. */
    public boolean analyzed() {
        return actualRows.isPresent();
    }

    /** Rows returned, actual when analyzed, else estimated, over all loops. */
    public double rowsTotal() {
        return actualRows.orElse(estimatedRows) * Math.max(1, loops);
    }

    /** Rows read before filtering, actual when analyzed, else estimated, over all loops. */
    public double scannedTotal() {
        return actualScannedRows.orElse(estimatedScannedRows) * Math.max(1, loops);
    }

    /** Visits this node and every descendant, depth first, parents before children. */
    public void forEach(Consumer<PlanNode> visitor) {
        visitor.accept(this);
        children.forEach(c -> c.forEach(visitor));
    }

    /** A one-line description, e.g. {@code Seq Scan on tasks (rows 50 of 200000)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(type);
        if (!accessType.isEmpty() && !type.contains(accessType)) {
            sb.append(' ').append(accessType);
        }
        if (!relation.isEmpty()) {
            sb.append(" on ").append(relation);
        }
        if (!index.isEmpty()) {
            sb.append(" using ").append(index);
        }
        return sb.toString();
    }
}
