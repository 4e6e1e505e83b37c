package io.dbopt.migration.rollback;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.ConstraintSchema;
import io.dbopt.migration.schema.MigrationGenerator;
import io.dbopt.migration.schema.SchemaChange;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes the undo of a migration that lost rows (dropped a table or column, or changed data in an existing table)
 * from the rows {@link TableDataKeeper} kept before it ran. In three steps on the caller's connection: the dropped
 * tables, columns, indexes and constraints of the affected tables are added back from the pre-migration snapshot
 * (columns NULL-able and foreign keys left out for now), rows the migration added are deleted (referencing tables first) and the kept rows put back (referenced tables first), and then
 * NOT NULL and the foreign keys are restored. Only ever adds structure back, never drops any, so nothing outside
 * the migration is touched. On PostgreSQL everything runs in the caller's transaction.
 */
public final class DataRollback {

    /** What was done: the structure statements that ran, and the rows written per table. */
    public record Result(List<String> statements, Map<String, Integer> rowsWritten) {
    }

    private final Dialect dialect;
    private final SchemaReader reader;
    private final TableDataKeeper keeper;

    public DataRollback(Dialect dialect, SchemaReader reader, TableDataKeeper keeper) {
        this.dialect = dialect;
        this.reader = reader;
        this.keeper = keeper;
    }

    public Result restore(Connection c, SchemaSnapshot before, List<TableRows> kept) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        kept.forEach(k -> tables.add(k.table()));
        List<SchemaChange> now = new ArrayList<>();
        List<SchemaChange> later = new ArrayList<>();
        for (SchemaChange change : SchemaDiff.between(reader.read(c, before.scope()), before).changes()) {
            split(change, tables, now, later);
        }
        MigrationGenerator generator = MigrationGenerator.of(dialect);
        List<String> ran = new ArrayList<>();
        run(c, generator.statements(new SchemaDiff(now)), ran);
        Map<String, Integer> written = new HashMap<>();
        boolean ownTransaction = c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false);
        }
        try {
            List<TableRows> parentsFirst = referencedFirst(kept, before);
            for (int i = parentsFirst.size() - 1; i >= 0; i--) {
                keeper.deleteAdded(c, parentsFirst.get(i));
            }
            for (TableRows rows : parentsFirst) {
                written.put(rows.table(), keeper.putBack(c, rows));
            }
            if (ownTransaction) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (ownTransaction) {
                c.rollback();
            }
            throw e;
        } finally {
            if (ownTransaction) {
                c.setAutoCommit(true);
            }
        }
        run(c, generator.statements(new SchemaDiff(later)), ran);
        return new Result(ran, written);
    }

    /**
     * Sorts one difference between the live schema and the pre-migration one: additions to the restored tables
     * happen before the rows go back, except NOT NULL on re-added columns of tables that still have rows and foreign
     * keys, which come after. Removals, and changes to other tables, are left alone.
     */
    private static void split(SchemaChange change, Set<String> tables, List<SchemaChange> now,
                              List<SchemaChange> later) {
        if (change instanceof SchemaChange.TableAdded t && tables.contains(t.table().name())) {
            TableSchema table = t.table();
            List<ConstraintSchema> keys = table.constraints().stream()
                    .filter(k -> k.type() == ConstraintSchema.Type.FOREIGN_KEY).toList();
            List<ConstraintSchema> others = table.constraints().stream()
                    .filter(k -> k.type() != ConstraintSchema.Type.FOREIGN_KEY).toList();
            now.add(new SchemaChange.TableAdded(new TableSchema(table.name(), table.columns(), table.indexes(), others,
                    table.estimatedRows())));
            keys.forEach(k -> later.add(new SchemaChange.ConstraintAdded(table.name(), k)));
        } else if (change instanceof SchemaChange.ColumnAdded a && tables.contains(a.table())) {
            ColumnSchema column = a.column();
            if (column.nullable()) {
                now.add(a);
            } else {
                ColumnSchema nullable = new ColumnSchema(column.name(), column.type(), true,
                        column.defaultExpression(), column.generation());
                now.add(new SchemaChange.ColumnAdded(a.table(), nullable));
                later.add(new SchemaChange.ColumnChanged(a.table(), nullable, column));
            }
        } else if (change instanceof SchemaChange.IndexAdded i && tables.contains(i.table())) {
            now.add(i);
        } else if (change instanceof SchemaChange.ConstraintAdded k) {
            boolean foreign = k.constraint().type() == ConstraintSchema.Type.FOREIGN_KEY;
            boolean concerns = tables.contains(k.table())
                    || (foreign && k.constraint().referencedTable().filter(tables::contains).isPresent());
            if (concerns) {
                (foreign ? later : now).add(k);
            }
        } else if (change instanceof SchemaChange.ViewAdded v) {
            later.add(v);
        }
    }

    /** Tables that others among them reference come first, so foreign keys see their parents' rows. */
    private static List<TableRows> referencedFirst(List<TableRows> kept, SchemaSnapshot before) {
        List<TableRows> ordered = new ArrayList<>();
        List<TableRows> remaining = new ArrayList<>(kept);
        while (!remaining.isEmpty()) {
            TableRows next = remaining.stream().filter(t -> remaining.stream().noneMatch(parent -> parent != t
                    && references(before, t.table(), parent.table()))).findFirst().orElse(remaining.get(0));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    private static boolean references(SchemaSnapshot schema, String child, String parent) {
        return schema.table(child).map(t -> t.constraints().stream().anyMatch(k ->
                k.type() == ConstraintSchema.Type.FOREIGN_KEY && k.referencedTable().filter(parent::equals).isPresent()))
                .orElse(false);
    }

    private static void run(Connection c, List<String> statements, List<String> ran) throws SQLException {
        for (String sql : statements) {
            Jdbc.execute(c, sql);
            ran.add(sql);
        }
    }
}
