package io.dbopt.index.analysis;

import io.dbopt.core.Capability;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexKey;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.index.workload.ColumnPredicate;
import io.dbopt.index.workload.ExpressionPredicate;
import io.dbopt.index.workload.PredicateKind;
import io.dbopt.index.workload.TableAccess;
import io.dbopt.index.workload.TableColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Candidate indexes for one table access of one statement. Key columns come in the order an index can use them:
 * equality and IN columns first, the most selective (most distinct values) first, then one range, join, sort or
 * grouping column. Variants add covering {@code INCLUDE} columns (PostgreSQL 11+), partial predicates for constant
 * low-cardinality filters (PostgreSQL), GIN indexes for jsonb and array containment (PostgreSQL) and expression
 * indexes for predicates on {@code lower}, {@code upper} or {@code date} of a column (PostgreSQL).
 */
final class CandidateGenerator {

    /** Columns with at most this many distinct values are partial-index predicates rather than key columns. */
    private static final double LOW_CARDINALITY = 10;

    private final Catalog catalog;
    private final Dialect dialect;
    private final IndexOptions options;

    CandidateGenerator(Catalog catalog, IndexOptions options) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
        this.options = options;
    }

    List<IndexDefinition> candidates(TableAccess access) {
        TableName table = access.table();
        Set<IndexDefinition> out = new LinkedHashSet<>();
        List<String> seeks = bySelectivity(table, columns(access, PredicateKind.EQUALITY, PredicateKind.IN));
        List<String> joins = columns(access, PredicateKind.JOIN);
        List<String> ranges = bySelectivity(table, columns(access, PredicateKind.RANGE));
        ranges.removeAll(seeks);
        if (!seeks.isEmpty()) {
            add(out, table, seeks);
        }
        if (!ranges.isEmpty()) {
            add(out, table, concat(seeks, List.of(ranges.get(0))));
        }
        for (String join : joins) {
            if (!seeks.contains(join)) {
                add(out, table, List.of(join));
                if (!seeks.isEmpty()) {
                    add(out, table, bySelectivity(table, concat(seeks, List.of(join))));
                }
            }
        }
        if (!access.orderBy().isEmpty()) {
            add(out, table, concat(seeks, access.orderBy()));
            if (access.limited()) {
                add(out, table, access.orderBy()); // read in order and stop at the limit
            }
        }
        if (!access.groupBy().isEmpty()) {
            add(out, table, concat(seeks, access.groupBy()));
        }
        expressions(access, seeks).forEach(keys -> add(out, table, keys));
        List<IndexDefinition> keyed = List.copyOf(out);
        keyed.forEach(c -> covering(access, c).ifPresent(out::add));
        partial(access, seeks, ranges).forEach(out::add);
        gin(access).forEach(out::add);
        return List.copyOf(out);
    }

    private List<String> columns(TableAccess access, PredicateKind... kinds) {
        List<String> out = new ArrayList<>();
        for (ColumnPredicate p : access.predicates()) {
            for (PredicateKind k : kinds) {
                if (p.kind() == k && !out.contains(p.column()) && isBtreeType(access.table(), p.column())) {
                    out.add(p.column());
                }
            }
        }
        return out;
    }

    private boolean isBtreeType(TableName table, String column) {
        String type = catalog.table(table).map(t -> t.type(column)).orElse("");
        return !(type.equals("jsonb") || type.equals("json") || type.equals("array") || type.equals("longtext")
                || type.equals("blob") || type.equals("longblob"));
    }

    private List<String> bySelectivity(TableName table, List<String> columns) {
        List<String> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparingDouble((String c) -> -catalog.distinctValues(table, c)));
        return sorted;
    }

    private void add(Set<IndexDefinition> out, TableName table, List<String> columns) {
        List<String> keys = distinct(columns);
        if (keys.isEmpty()) {
            return;
        }
        if (keys.size() > options.maxKeyColumns()) {
            keys = keys.subList(0, options.maxKeyColumns());
        }
        out.add(IndexDefinition.btree(table, keys.toArray(String[]::new)));
    }

    /** The candidate with the statement's other columns as INCLUDE, so it can answer from the index alone. */
    private java.util.Optional<IndexDefinition> covering(TableAccess access, IndexDefinition keyed) {
        if (!dialect.supports(Capability.INCLUDE_COLUMNS) || access.allColumns()) {
            return java.util.Optional.empty();
        }
        List<String> extra = access.referenced().stream().filter(c -> !keyed.columns().contains(c))
                .filter(c -> isBtreeType(access.table(), c)).sorted().toList();
        if (extra.isEmpty() || extra.size() > options.maxIncludeColumns()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new IndexDefinition(keyed.table(), "", keyed.columns(), extra, "", false,
                IndexMethod.BTREE));
    }

    /** {@code (other keys) WHERE col = literal} for constant filters on low-cardinality columns (PostgreSQL). */
    private List<IndexDefinition> partial(TableAccess access, List<String> seeks, List<String> ranges) {
        if (!dialect.supports(Capability.PARTIAL_INDEX)) {
            return List.of();
        }
        List<IndexDefinition> out = new ArrayList<>();
        for (ColumnPredicate p : access.predicates(PredicateKind.EQUALITY)) {
            if (p.literal().isEmpty() || catalog.distinctValues(access.table(), p.column()) > LOW_CARDINALITY) {
                continue;
            }
            List<String> keys = new ArrayList<>(seeks);
            keys.remove(p.column());
            if (!ranges.isEmpty()) {
                keys.add(ranges.get(0));
            } else if (!access.orderBy().isEmpty()) {
                keys.addAll(access.orderBy());
            }
            keys = distinct(keys);
            if (keys.isEmpty() || keys.contains(p.column())) {
                continue;
            }
            if (keys.size() > options.maxKeyColumns()) {
                keys = keys.subList(0, options.maxKeyColumns());
            }
            String predicate = dialect.quote(p.column()) + " = " + p.literal();
            out.add(new IndexDefinition(access.table(), "", keys, List.of(), predicate, false, IndexMethod.BTREE));
        }
        return out;
    }

    /**
     * {@code (function(column))} keys for predicates on a function of a column ({@code lower(email) = ?}), alone and
     * after the equality columns (PostgreSQL; MariaDB has no expression indexes).
     */
    private List<List<String>> expressions(TableAccess access, List<String> seeks) {
        if (!(dialect instanceof PostgresDialect)) {
            return List.of();
        }
        List<List<String>> out = new ArrayList<>();
        for (ExpressionPredicate p : access.expressionPredicates()) {
            if (!isBtreeType(access.table(), p.column())) {
                continue;
            }
            String key = IndexKey.expression(p.function(), p.column());
            out.add(List.of(key));
            if (!seeks.isEmpty()) {
                out.add(concat(seeks, List.of(key)));
            }
        }
        return out;
    }

    /** GIN for jsonb / array containment and key tests (PostgreSQL). */
    private List<IndexDefinition> gin(TableAccess access) {
        if (!(dialect instanceof PostgresDialect)) {
            return List.of();
        }
        List<IndexDefinition> out = new ArrayList<>();
        TableColumns columns = catalog.table(access.table()).orElse(null);
        if (columns == null) {
            return out;
        }
        for (ColumnPredicate p : access.predicates()) {
            if (p.kind() != PredicateKind.CONTAINMENT && p.kind() != PredicateKind.KEY_EXISTS) {
                continue;
            }
            String type = columns.type(p.column()).toLowerCase(Locale.ROOT);
            boolean keyTests = access.predicates().stream()
                    .anyMatch(o -> o.column().equals(p.column()) && o.kind() == PredicateKind.KEY_EXISTS);
            IndexMethod method = type.equals("jsonb") && !keyTests ? IndexMethod.GIN_JSONB_PATH
                    : type.equals("jsonb") || type.equals("array") ? IndexMethod.GIN : null;
            if (method != null) {
                out.add(new IndexDefinition(access.table(), "", List.of(p.column()), List.of(), "", false, method));
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> distinct(List<String> columns) {
        return List.copyOf(new LinkedHashSet<>(columns));
    }
}
