package io.dbopt.migration.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between two snapshots of the same dialect: what must change to turn {@code from} into {@code to}.
 * Row estimates and the servers' own definition texts are not compared; types are compared in their normalised
 * form. An index or constraint whose definition changed appears as removed and added. Immutable.
 *
 * @param changes the differences, tables first, in name order
 */
public record SchemaDiff(List<SchemaChange> changes) {

    /** Copies. */
    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    /**
     * Compares two snapshots.
     *
     * @throws IllegalArgumentException when they come from different dialects
     */
    public static SchemaDiff between(SchemaSnapshot from, SchemaSnapshot to) {
        if (!from.dialect().equals(to.dialect())) {
            throw new IllegalArgumentException("Cannot compare a " + from.dialect() + " schema with a " + to.dialect()
                    + " one: read both from the same kind of server");
        }
        List<SchemaChange> changes = new ArrayList<>();
        Map<String, TableSchema> before = byName(from.tables(), TableSchema::name);
        Map<String, TableSchema> after = byName(to.tables(), TableSchema::name);
        for (TableSchema t : to.tables()) {
            TableSchema old = before.get(t.name());
            if (old == null) {
                changes.add(new SchemaChange.TableAdded(t));
            } else {
                compareTables(from.dialect(), old, t, changes);
            }
        }
        for (TableSchema t : from.tables()) {
            if (!after.containsKey(t.name())) {
                changes.add(new SchemaChange.TableRemoved(t));
            }
        }
        Map<String, ViewSchema> viewsBefore = byName(from.views(), ViewSchema::name);
        Map<String, ViewSchema> viewsAfter = byName(to.views(), ViewSchema::name);
        for (ViewSchema v : from.views()) {
            ViewSchema now = viewsAfter.get(v.name());
            if (now == null || !now.sameAs(v)) {
                changes.add(new SchemaChange.ViewRemoved(v));
            }
        }
        for (ViewSchema v : to.views()) {
            ViewSchema old = viewsBefore.get(v.name());
            if (old == null || !old.sameAs(v)) {
                changes.add(new SchemaChange.ViewAdded(v));
            }
        }
        to.sequences().stream().filter(s -> !from.sequences().contains(s))
                .forEach(s -> changes.add(new SchemaChange.SequenceAdded(s)));
        from.sequences().stream().filter(s -> !to.sequences().contains(s))
                .forEach(s -> changes.add(new SchemaChange.SequenceRemoved(s)));
        return new SchemaDiff(changes);
    }

    private static void compareTables(String dialect, TableSchema old, TableSchema now, List<SchemaChange> changes) {
        String table = now.name();
        for (ColumnSchema c : now.columns()) {
            Optional<ColumnSchema> was = old.column(c.name());
            if (was.isEmpty()) {
                changes.add(new SchemaChange.ColumnAdded(table, c));
            } else if (!sameColumn(dialect, was.get(), c)) {
                changes.add(new SchemaChange.ColumnChanged(table, was.get(), c));
            }
        }
        for (ColumnSchema c : old.columns()) {
            if (now.column(c.name()).isEmpty()) {
                changes.add(new SchemaChange.ColumnRemoved(table, c));
            }
        }
        Map<String, IndexSchema> oldIndexes = byName(old.indexes(), IndexSchema::name);
        Map<String, IndexSchema> newIndexes = byName(now.indexes(), IndexSchema::name);
        for (IndexSchema i : old.indexes()) {
            IndexSchema n = newIndexes.get(i.name());
            if (n == null || !n.sameAs(i)) {
                changes.add(new SchemaChange.IndexRemoved(table, i));
            }
        }
        for (IndexSchema i : now.indexes()) {
            IndexSchema o = oldIndexes.get(i.name());
            if (o == null || !o.sameAs(i)) {
                changes.add(new SchemaChange.IndexAdded(table, i));
            }
        }
        Map<String, ConstraintSchema> oldConstraints = byName(old.constraints(), ConstraintSchema::name);
        Map<String, ConstraintSchema> newConstraints = byName(now.constraints(), ConstraintSchema::name);
        for (ConstraintSchema c : old.constraints()) {
            ConstraintSchema n = newConstraints.get(c.name());
            if (n == null || !n.sameAs(c)) {
                changes.add(new SchemaChange.ConstraintRemoved(table, c));
            }
        }
        for (ConstraintSchema c : now.constraints()) {
            ConstraintSchema o = oldConstraints.get(c.name());
            if (o == null || !o.sameAs(c)) {
                changes.add(new SchemaChange.ConstraintAdded(table, c));
            }
        }
    }

    private static boolean sameColumn(String dialect, ColumnSchema a, ColumnSchema b) {
        return TypeNames.normalise(dialect, a.type()).equals(TypeNames.normalise(dialect, b.type()))
                && a.nullable() == b.nullable() && a.defaultExpression().equals(b.defaultExpression())
                && a.generation() == b.generation();
    }

    private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
        return list.stream().collect(Collectors.toMap(name, Function.identity(), (x, y) -> x));
    }

    /** Whether the two snapshots describe the same schema. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One line per change. */
    public List<String> describe() {
        return changes.stream().map(SchemaChange::describe).toList();
    }

    @Override
    public String toString() {
        return changes.isEmpty() ? "no differences" : String.join("; ", describe());
    }
}
