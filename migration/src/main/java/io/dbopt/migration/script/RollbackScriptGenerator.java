package io.dbopt.migration.script;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.ConstraintSchema;
import io.dbopt.migration.schema.IndexSchema;
import io.dbopt.migration.schema.MigrationGenerator;
import io.dbopt.migration.schema.SchemaChange;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import io.dbopt.migration.schema.ViewSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the undo of a migration script for the DDL that can be reversed: created tables, indexes, views and
 * sequences are dropped, added columns and constraints removed, renames turned back, NOT NULL and default changes
 * reverted. Given the schema as it was before the script ran, it also restores dropped indexes, constraints and
 * views, previous defaults and column types. What cannot be reversed (dropped columns and tables, data changes on
 * existing tables, statements it cannot parse) is listed in {@link UndoScript#irreversible()}: such a migration
 * needs a hand-written {@code U<version>__*.sql}. Immutable and thread-safe.
 */
public final class RollbackScriptGenerator {

    /** Commands that change no schema object, so they leave nothing to undo. */
    private static final Set<String> NOTHING_TO_UNDO = Set.of("", "SELECT", "COMMENT", "ANALYZE", "VACUUM", "SHOW",
            "EXPLAIN", "SET", "RESET", "BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK TO SAVEPOINT", "REINDEX",
            "CLUSTER", "LOCK", "CHECKPOINT", "REFRESH MATERIALIZED VIEW", "DISCARD", "LISTEN", "NOTIFY", "UNLISTEN");

    private final Dialect dialect;
    private final boolean mariaDb;

    private RollbackScriptGenerator(Dialect dialect) {
        this.dialect = dialect;
        this.mariaDb = dialect.product() != DatabaseProduct.POSTGRESQL;
    }

    /** A generator for scripts of this dialect. */
    public static RollbackScriptGenerator of(Dialect dialect) {
        return new RollbackScriptGenerator(Objects.requireNonNull(dialect, "dialect"));
    }

    /** The undo of a script, knowing nothing of the schema before it. */
    public UndoScript generate(SqlScript script) {
        return generate(script, Optional.empty());
    }

    /** The undo of a script, using the schema as it was before the script ran. */
    public UndoScript generate(SqlScript script, SchemaSnapshot before) {
        return generate(script, Optional.of(before));
    }

    /**
     * The undo of a script already read by {@link StatementParser#parseAll} (one {@link Ddl} per statement, in
     * order), using the schema as it was before the script ran.
     */
    public UndoScript generate(SqlScript script, List<Ddl> parsed, SchemaSnapshot before) {
        if (parsed.size() != script.statements().size()) {
            throw new IllegalArgumentException("The parsed form of " + script.name() + " has " + parsed.size()
                    + " statements but the script has " + script.statements().size()
                    + ": pass StatementParser.parseAll of the same script");
        }
        return generate(script, parsed, Optional.of(before));
    }

    private UndoScript generate(SqlScript script, Optional<SchemaSnapshot> before) {
        return generate(script, new StatementParser(mariaDb).parseAll(script), before);
    }

    private UndoScript generate(SqlScript script, List<Ddl> parsed, Optional<SchemaSnapshot> before) {
        List<ScriptStatement> statements = script.statements();
        Set<String> created = new HashSet<>();
        List<List<String>> undoPerStatement = new ArrayList<>();
        List<UndoScript.Irreversible> irreversible = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Inverter inverter = new Inverter(before, created);
            Ddl ddl = parsed.get(i);
            undoPerStatement.add(inverter.invert(ddl));
            ScriptStatement statement = statements.get(i);
            inverter.problems.forEach(p -> irreversible.add(new UndoScript.Irreversible(statement.index(),
                    statement.line(), p.reason(), p.dataOf())));
            if (ddl instanceof Ddl.CreateTable ct) {
                created.add(ct.table().name());
            }
        }
        List<String> undo = new ArrayList<>();
        for (int i = undoPerStatement.size() - 1; i >= 0; i--) {
            undo.addAll(undoPerStatement.get(i));
        }
        return new UndoScript(script.name(), undo, irreversible);
    }

    /** Something a statement's inverse cannot restore; {@code dataOf} names the table whose old rows would. */
    private record Problem(String reason, Optional<String> dataOf) {
    }

    /** A list of problems that takes plain reasons too. */
    private static final class Problems extends ArrayList<Problem> {
        void add(String reason) {
            add(new Problem(reason, Optional.empty()));
        }

        void lostData(String reason, Ddl.Name table) {
            // only tables of the migrated schema can be snapshotted and restored
            add(new Problem(reason, table.schema().isPresent() ? Optional.empty() : Optional.of(table.name())));
        }
    }

    /** Inverts one statement; collects what it cannot invert. */
    private final class Inverter {
        private final Optional<SchemaSnapshot> before;
        private final Set<String> createdEarlier;
        private final Problems problems = new Problems();

        Inverter(Optional<SchemaSnapshot> before, Set<String> createdEarlier) {
            this.before = before;
            this.createdEarlier = createdEarlier;
        }

        List<String> invert(Ddl ddl) {
            if (ddl instanceof Ddl.CreateTable ct) {
                return List.of("DROP TABLE " + q(ct.table()));
            }
            if (ddl instanceof Ddl.CreateIndex ci) {
                if (createdEarlier.contains(ci.table().name())) {
                    return List.of();
                }
                return List.of(mariaDb ? "DROP INDEX " + q(ci.name()) + " ON " + q(ci.table())
                        : "DROP INDEX " + (ci.concurrently() ? "CONCURRENTLY " : "") + "IF EXISTS " + q(ci.name()));
            }
            if (ddl instanceof Ddl.CreateView v) {
                Optional<ViewSchema> old = before.flatMap(s -> s.views().stream()
                        .filter(x -> x.name().equals(v.view().name())).findFirst());
                if (v.orReplace() && old.isPresent()) {
                    return List.of("CREATE OR REPLACE VIEW " + q(v.view()) + " AS " + old.get().definition());
                }
                if (v.orReplace() && before.isEmpty()) {
                    problems.add("CREATE OR REPLACE VIEW may have replaced a view whose old definition is unknown");
                }
                return List.of("DROP VIEW " + q(v.view()));
            }
            if (ddl instanceof Ddl.CreateSequence s) {
                return List.of("DROP SEQUENCE " + q(s.sequence()));
            }
            if (ddl instanceof Ddl.Drop d) {
                List<String> out = new ArrayList<>();
                for (int i = d.names().size() - 1; i >= 0; i--) {
                    out.addAll(drop(new Ddl.Drop(d.kind(), d.names().get(i), d.ifExists(), d.concurrently(),
                            d.onTable(), List.of(), d.cascade(), d.objectType())));
                }
                return out;
            }
            if (ddl instanceof Ddl.RenameTables r) {
                List<String> out = new ArrayList<>();
                for (int i = r.from().size() - 1; i >= 0; i--) {
                    out.add("RENAME TABLE " + q(r.to().get(i)) + " TO " + q(r.from().get(i)));
                }
                return out;
            }
            if (ddl instanceof Ddl.AlterTable at) {
                if (createdEarlier.contains(at.table().name())) {
                    return List.of();
                }
                return alter(at);
            }
            if (ddl instanceof Ddl.DataChange dc) {
                if (dc.table().isEmpty()) {
                    problems.add(dc.verb() + " changes data, which no generated undo can restore");
                } else if (!createdEarlier.contains(dc.table().get().name())) {
                    problems.lostData(dc.verb() + " changes data in " + dc.table().get()
                            + ", which no generated undo can restore", dc.table().get());
                }
                return List.of();
            }
            if (ddl instanceof Ddl.NotAnalysed na) {
                problems.add("not analysed (" + na.reason() + ")");
                return List.of();
            }
            if (ddl instanceof Ddl.SyntaxError e) {
                problems.add("not valid SQL (" + e.message() + ")");
            } else if (!NOTHING_TO_UNDO.contains(ddl.command())) {
                problems.add(ddl.command() + " statements are not reversed");
            }
            return List.of();
        }

        private List<String> drop(Ddl.Drop d) {
            switch (d.kind()) {
                case INDEX -> {
                    Optional<String> recreate = before.flatMap(s -> findIndex(s, d.name().name()))
                            .map(found -> generator().statements(new SchemaDiff(List.of(
                                    new SchemaChange.IndexAdded(found.table, found.index)))).get(0));
                    if (recreate.isPresent()) {
                        return List.of(recreate.get());
                    }
                    problems.add("DROP INDEX " + d.name() + ": the index definition is unknown without the schema "
                            + "before the migration");
                }
                case VIEW -> {
                    Optional<ViewSchema> old = before.flatMap(s -> s.views().stream()
                            .filter(v -> v.name().equals(d.name().name())).findFirst());
                    if (old.isPresent()) {
                        return List.of("CREATE VIEW " + q(d.name()) + " AS " + old.get().definition());
                    }
                    problems.add("DROP VIEW " + d.name() + ": the view definition is unknown");
                }
                case TABLE -> {
                    if (createdEarlier.contains(d.name().name())) {
                        problems.add("DROP TABLE " + d.name() + " drops a table this script created");
                    } else {
                        problems.lostData("DROP TABLE " + d.name() + " loses its data", d.name());
                    }
                }
                case SEQUENCE -> problems.add("DROP SEQUENCE " + d.name() + " loses its current value");
                default -> problems.add("DROP of " + d.name() + " is not reversed");
            }
            return List.of();
        }

        private List<String> alter(Ddl.AlterTable at) {
            List<String> out = new ArrayList<>();
            String table = "ALTER TABLE " + q(at.table()) + " ";
            Optional<TableSchema> old = before.flatMap(s -> s.table(at.table().name()));
            List<Ddl.Action> actions = at.actions();
            for (int i = actions.size() - 1; i >= 0; i--) {
                Ddl.Action a = actions.get(i);
                if (a instanceof Ddl.AddColumn add) {
                    out.add(table + "DROP COLUMN " + q(add.column().name()));
                } else if (a instanceof Ddl.DropColumn d) {
                    problems.lostData("DROP COLUMN " + at.table() + "." + d.column() + " loses its data", at.table());
                } else if (a instanceof Ddl.SetNotNull s && !mariaDb) {
                    out.add(table + "ALTER COLUMN " + q(s.column()) + " DROP NOT NULL");
                } else if (a instanceof Ddl.DropNotNull s && !mariaDb) {
                    out.add(table + "ALTER COLUMN " + q(s.column()) + " SET NOT NULL");
                } else if (a instanceof Ddl.SetDefault s) {
                    restoreDefault(table, old, s.column(), out);
                } else if (a instanceof Ddl.DropDefault s) {
                    restoreDefault(table, old, s.column(), out);
                } else if (a instanceof Ddl.AlterColumnType t) {
                    Optional<ColumnSchema> col = old.flatMap(x -> x.column(t.column()));
                    if (col.isPresent()) {
                        String type = col.get().type();
                        out.add(table + "ALTER COLUMN " + q(t.column()) + " TYPE " + type + " USING " + q(t.column())
                                + "::" + type);
                    } else {
                        problems.add("the previous type of " + at.table() + "." + t.column() + " is unknown");
                    }
                } else if (a instanceof Ddl.ModifyColumn m) {
                    Optional<ColumnSchema> col = old.flatMap(x -> x.column(m.column().name()));
                    col.ifPresentOrElse(c -> out.add(table + "MODIFY COLUMN " + generator().columnDefinition(c)),
                            () -> problems.add("the previous definition of " + at.table() + "." + m.column().name()
                                    + " is unknown"));
                } else if (a instanceof Ddl.ChangeColumn c) {
                    Optional<ColumnSchema> col = old.flatMap(x -> x.column(c.oldName()));
                    col.ifPresentOrElse(prev -> out.add(table + "CHANGE COLUMN " + q(c.column().name()) + " "
                                    + generator().columnDefinition(prev)),
                            () -> problems.add("the previous definition of " + at.table() + "." + c.oldName()
                                    + " is unknown"));
                } else if (a instanceof Ddl.AddConstraint c) {
                    dropAddedConstraint(table, at.table(), c.constraint(), out);
                    if (mariaDb && c.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY
                            && c.constraint().name().isPresent()) {
                        String n = c.constraint().name().get();
                        boolean hadIndex = old.map(t -> t.indexes().stream().anyMatch(ix -> ix.name().equals(n)))
                                .orElse(false);
                        if (!hadIndex) {
                            // InnoDB created an index named after the foreign key; it outlives the constraint
                            out.add(table + "DROP INDEX IF EXISTS " + q(n));
                        }
                    }
                } else if (a instanceof Ddl.DropConstraint c) {
                    readdConstraint(at.table(), old, c.name(), out);
                } else if (a instanceof Ddl.DropPrimaryKey) {
                    readdConstraint(at.table(), old, old.flatMap(TableSchema::primaryKey).map(ConstraintSchema::name)
                            .orElse("PRIMARY"), out);
                } else if (a instanceof Ddl.AddIndex ai) {
                    String name = ai.index().name().orElse(ai.index().columns().isEmpty() ? ""
                            : ai.index().columns().get(0));
                    out.add(table + "DROP INDEX " + q(name));
                } else if (a instanceof Ddl.DropIndex di) {
                    Optional<IndexSchema> idx = old.flatMap(x -> x.indexes().stream()
                            .filter(ix -> ix.name().equals(di.name())).findFirst());
                    idx.ifPresentOrElse(ix -> out.addAll(generator().statements(new SchemaDiff(List.of(
                                    new SchemaChange.IndexAdded(at.table().name(), ix))))),
                            () -> problems.add("DROP INDEX " + di.name() + ": the index definition is unknown"));
                } else if (a instanceof Ddl.RenameColumn r) {
                    out.add(table + "RENAME COLUMN " + q(r.to()) + " TO " + q(r.from()));
                } else if (a instanceof Ddl.RenameTable r) {
                    Ddl.Name renamed = new Ddl.Name(at.table().schema(), r.to().name(), r.to().quoted());
                    out.add("ALTER TABLE " + q(renamed) + " RENAME TO " + q(at.table().name()));
                } else if (a instanceof Ddl.ValidateConstraint) {
                    continue; // validating changes nothing to undo
                } else if (a instanceof Ddl.ConvertCharset c) {
                    problems.add("CONVERT TO CHARACTER SET " + c.charset() + " is not reversed");
                } else {
                    problems.add("ALTER TABLE action " + a.describe() + " is not reversed");
                }
            }
            return out;
        }

        private void restoreDefault(String table, Optional<TableSchema> old, String column, List<String> out) {
            Optional<ColumnSchema> col = old.flatMap(t -> t.column(column));
            if (col.isEmpty()) {
                problems.add("the previous default of " + column + " is unknown without the schema before the migration");
                return;
            }
            out.add(table + "ALTER COLUMN " + q(column) + col.get().defaultExpression().map(d -> " SET DEFAULT " + d)
                    .orElse(" DROP DEFAULT"));
        }

        private void dropAddedConstraint(String table, Ddl.Name tableName, Ddl.ConstraintSpec c, List<String> out) {
            Optional<String> name = c.name().or(() -> conventionalName(tableName, c));
            if (mariaDb) {
                switch (c.kind()) {
                    case PRIMARY_KEY -> out.add(table + "DROP PRIMARY KEY");
                    case FOREIGN_KEY -> name.ifPresentOrElse(n -> out.add(table + "DROP FOREIGN KEY " + q(n)),
                            () -> problems.add("an unnamed foreign key gets a server-chosen name; name it to undo it"));
                    case UNIQUE -> name.ifPresent(n -> out.add(table + "DROP INDEX " + q(n)));
                    case CHECK -> name.ifPresentOrElse(n -> out.add(table + "DROP CONSTRAINT " + q(n)),
                            () -> problems.add("an unnamed check gets a server-chosen name; name it to undo it"));
                }
                return;
            }
            name.ifPresentOrElse(n -> out.add(table + "DROP CONSTRAINT " + q(n)),
                    () -> problems.add("an unnamed " + c.kind() + " gets a server-chosen name; name it to undo it"));
        }

        /** The name the server gives an unnamed constraint, where it is predictable. */
        private Optional<String> conventionalName(Ddl.Name table, Ddl.ConstraintSpec c) {
            if (c.columns().isEmpty()) {
                return Optional.empty();
            }
            if (mariaDb) {
                return c.kind() == Ddl.ConstraintKind.UNIQUE ? Optional.of(c.columns().get(0)) : Optional.empty();
            }
            String cols = String.join("_", c.columns());
            return switch (c.kind()) {
                case PRIMARY_KEY -> Optional.of(table.name() + "_pkey");
                case UNIQUE -> Optional.of(table.name() + "_" + cols + "_key");
                case FOREIGN_KEY -> Optional.of(table.name() + "_" + cols + "_fkey");
                case CHECK, EXCLUDE -> Optional.empty();
            };
        }

        private void readdConstraint(Ddl.Name table, Optional<TableSchema> old, String name, List<String> out) {
            Optional<ConstraintSchema> found = old.flatMap(t -> t.constraints().stream()
                    .filter(c -> c.name().equals(name)).findFirst());
            found.ifPresentOrElse(c -> out.addAll(generator().statements(new SchemaDiff(List.of(
                            new SchemaChange.ConstraintAdded(table.name(), c))))),
                    () -> problems.add("the definition of dropped constraint " + name + " on " + table + " is unknown"));
        }

        private Optional<Located> findIndex(SchemaSnapshot s, String name) {
            for (TableSchema t : s.tables()) {
                for (IndexSchema i : t.indexes()) {
                    if (i.name().equals(name)) {
                        return Optional.of(new Located(t.name(), i));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private record Located(String table, IndexSchema index) {
    }

    private MigrationGenerator generator() {
        return MigrationGenerator.of(dialect);
    }

    private String q(Ddl.Name name) {
        return name.schema().map(s -> dialect.quote(s) + ".").orElse("") + dialect.quote(name.name());
    }

    private String q(String name) {
        return dialect.quote(name);
    }
}
