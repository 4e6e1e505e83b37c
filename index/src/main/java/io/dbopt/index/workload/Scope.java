package io.dbopt.index.workload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tables visible in one SELECT (or UPDATE / DELETE), with its enclosing scope for correlated references. */
final class Scope {

    private final Scope outer;
    private final boolean ignoreCase;
    private final Map<String, Entry> byAlias = new LinkedHashMap<>();

    Scope(Scope outer, boolean ignoreCase) {
        this.outer = outer;
        this.ignoreCase = ignoreCase;
    }

    Scope outer() {
        return outer;
    }

    Entry add(String alias, TableColumns columns) {
        Entry entry = new Entry(alias, columns);
        byAlias.putIfAbsent(alias, entry);
        return entry;
    }

    List<Entry> entries() {
        return List.copyOf(byAlias.values());
    }

    Optional<Entry> byAlias(String alias) {
        Entry exact = byAlias.get(alias);
        if (exact != null || !ignoreCase) {
            return Optional.ofNullable(exact);
        }
        return byAlias.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(alias)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** Resolves a column: by qualifier when given, else the one table of the nearest scope that has it. */
    Optional<Bound> bind(String qualifier, String column) {
        for (Scope s = this; s != null; s = s.outer) {
            if (!qualifier.isEmpty()) {
                Optional<Entry> entry = s.byAlias(qualifier);
                if (entry.isPresent()) {
                    return entry.get().columns.column(column, ignoreCase).map(c -> new Bound(entry.get(), c));
                }
                continue;
            }
            List<Bound> found = s.bindHere(column);
            if (found.size() == 1) {
                return Optional.of(found.get(0));
            }
            if (found.size() > 1) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every table of this scope that has the column (for {@code JOIN ... USING}). */
    List<Bound> bindAll(String column) {
        return bindHere(column);
    }

    private List<Bound> bindHere(String column) {
        List<Bound> found = new ArrayList<>();
        for (Entry e : byAlias.values()) {
            e.columns.column(column, ignoreCase).ifPresent(c -> found.add(new Bound(e, c)));
        }
        return found;
    }

    /** A column bound to a table access. */
    record Bound(Entry entry, String column) {
    }

    /** One table access being collected; mutable while the statement is walked. */
    static final class Entry {
        private final String alias;
        private final TableColumns columns;
        private final List<ColumnPredicate> predicates = new ArrayList<>();
        private final List<ExpressionPredicate> expressions = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        final List<String> orderBy = new ArrayList<>();
        boolean orderDescending;
        final Set<String> groupBy = new LinkedHashSet<>();
        final Set<String> referenced = new LinkedHashSet<>();
        boolean allColumns;
        boolean limited;
        final List<String> updated = new ArrayList<>();

        Entry(String alias, TableColumns columns) {
            this.alias = alias;
            this.columns = columns;
        }

        TableColumns columns() {
            return columns;
        }

        void add(String column, PredicateKind kind, String literal) {
            if (seen.add(column.toLowerCase(Locale.ROOT) + "\u0000" + kind + "\u0000" + literal)) {
                predicates.add(new ColumnPredicate(column, kind, literal));
            }
            referenced.add(column);
        }

        void addExpression(String function, String column, PredicateKind kind) {
            ExpressionPredicate p = new ExpressionPredicate(function, column, kind);
            if (!expressions.contains(p)) {
                expressions.add(p);
            }
            referenced.add(column);
        }

        TableAccess build() {
            return new TableAccess(columns.table(), alias, predicates, orderBy, orderDescending, List.copyOf(groupBy),
                    referenced, allColumns, limited, updated, expressions);
        }
    }
}
