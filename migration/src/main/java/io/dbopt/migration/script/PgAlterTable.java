package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads PostgreSQL's {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, ...]} with every action of its
 * grammar, the cursor standing after {@code ALTER TABLE}. One per statement.
 */
final class PgAlterTable {

    private static final Set<String> USING_STOPS = Set.of("COLLATE");
    private static final Set<String> DEFAULT_STOPS = Set.of();
    private static final Set<String> IDENTITY_OPTIONS = Set.of("GENERATED", "INCREMENT", "START", "MINVALUE",
            "MAXVALUE", "NO", "CACHE", "CYCLE", "RESTART", "AS", "OWNED", "SEQUENCE");

    private final TokenCursor c;
    private final PgColumns columns;

    PgAlterTable(TokenCursor cursor) {
        this.c = cursor;
        this.columns = new PgColumns(cursor);
    }

    Ddl read() {
        boolean ifExists = c.accept("IF", "EXISTS");
        c.accept("ONLY");
        Ddl.Name table = c.qualifiedName("a table name");
        c.accept("*");
        List<Ddl.Action> actions = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        do {
            offsets.add(c.offset());
            actions.add(action());
        } while (c.accept(","));
        c.expectEnd();
        return new Ddl.AlterTable(table, actions, Optional.empty(), Optional.empty(), ifExists, offsets);
    }

    private Ddl.Action action() {
        if (c.accept("ADD")) {
            return add();
        }
        if (c.accept("DROP")) {
            return drop();
        }
        if (c.accept("ALTER")) {
            if (c.accept("CONSTRAINT")) {
                c.name("a constraint name");
                skipWords();
                return new Ddl.OtherAction("ALTER CONSTRAINT");
            }
            c.accept("COLUMN");
            return alterColumn(c.name("a column name"));
        }
        if (c.accept("VALIDATE", "CONSTRAINT")) {
            return new Ddl.ValidateConstraint(c.name("a constraint name"));
        }
        if (c.accept("RENAME")) {
            return rename();
        }
        if (c.accept("DETACH", "PARTITION")) {
            Ddl.Name partition = c.qualifiedName("a partition");
            return new Ddl.DetachPartition(partition, c.acceptAny("CONCURRENTLY", "FINALIZE"));
        }
        if (c.accept("ATTACH", "PARTITION")) {
            Ddl.Name partition = c.qualifiedName("a partition");
            if (!c.accept("DEFAULT")) {
                c.expect("FOR", "VALUES");
                skipBound();
            }
            return new Ddl.AttachPartition(partition);
        }
        return other();
    }

    private Ddl.Action add() {
        if (columns.atTableConstraint() || c.is("NOT", "NULL")) {
            Ddl.ConstraintSpec spec = columns.tableConstraint();
            return new Ddl.AddConstraint(spec, spec.notValid());
        }
        c.accept("COLUMN");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        return new Ddl.AddColumn(columns.column(), ifNotExists);
    }

    private Ddl.Action drop() {
        if (c.accept("CONSTRAINT")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            String name = c.name("a constraint name");
            c.acceptAny("CASCADE", "RESTRICT");
            return new Ddl.DropConstraint(name, false, ifExists);
        }
        c.accept("COLUMN");
        boolean ifExists = c.accept("IF", "EXISTS");
        String name = c.name("a column name");
        c.acceptAny("CASCADE", "RESTRICT");
        return new Ddl.DropColumn(name, ifExists);
    }

    private Ddl.Action alterColumn(String column) {
        if (c.accept("SET", "DATA", "TYPE") || c.accept("TYPE")) {
            Ddl.TypeRef type = columns.type();
            if (c.accept("COLLATE")) {
                c.qualifiedName("a collation");
            }
            Optional<String> using = c.accept("USING") ? Optional.of(c.expression("a USING expression", USING_STOPS))
                    : Optional.empty();
            return new Ddl.AlterColumnType(column, type.full(), type, using);
        }
        if (c.accept("SET", "NOT", "NULL")) {
            return new Ddl.SetNotNull(column);
        }
        if (c.accept("DROP", "NOT", "NULL")) {
            return new Ddl.DropNotNull(column);
        }
        if (c.accept("SET", "DEFAULT")) {
            return new Ddl.SetDefault(column, c.expression("a default expression", DEFAULT_STOPS));
        }
        if (c.accept("DROP", "DEFAULT")) {
            return new Ddl.DropDefault(column);
        }
        if (c.accept("ADD", "GENERATED")) {
            c.acceptAny("ALWAYS", "BY DEFAULT").orElseThrow(() -> c.unreadable("ALWAYS or BY DEFAULT"));
            c.expect("AS", "IDENTITY");
            if (c.is("(")) {
                c.group("sequence options");
            }
            return new Ddl.OtherAction("ADD GENERATED AS IDENTITY");
        }
        if (c.accept("SET", "EXPRESSION", "AS")) {
            c.group("the generation expression in parentheses");
            return new Ddl.OtherAction("SET EXPRESSION");
        }
        if (c.accept("DROP", "EXPRESSION") || c.accept("DROP", "IDENTITY")) {
            String op = "DROP " + c.peek(-1).text().toUpperCase(java.util.Locale.ROOT);
            c.accept("IF", "EXISTS");
            return new Ddl.OtherAction(op);
        }
        if (c.accept("SET", "STATISTICS")) {
            c.expression("a statistics target", Set.of());
            return new Ddl.OtherAction("SET STATISTICS");
        }
        if (c.is("SET", "(") || c.is("RESET", "(")) {
            String op = c.next("SET").text().toUpperCase(java.util.Locale.ROOT) + " OPTIONS";
            c.group("attribute options");
            return new Ddl.OtherAction(op);
        }
        if (c.accept("SET", "STORAGE") || c.accept("SET", "COMPRESSION")) {
            c.rawName("a storage or compression method");
            return new Ddl.OtherAction("SET STORAGE");
        }
        if (c.is("RESTART") || IDENTITY_OPTIONS.stream().anyMatch(o -> c.is("SET", o))) {
            skipWords();
            return new Ddl.OtherAction("SET IDENTITY OPTIONS");
        }
        throw c.unreadable("TYPE, SET NOT NULL, DROP NOT NULL, SET DEFAULT, DROP DEFAULT or another column action");
    }

    private Ddl.Action rename() {
        if (c.accept("TO")) {
            return new Ddl.RenameTable(c.qualifiedName("the new table name"));
        }
        if (c.accept("CONSTRAINT")) {
            c.name("a constraint name");
            c.expect("TO");
            c.name("the new constraint name");
            return new Ddl.OtherAction("RENAME CONSTRAINT");
        }
        c.accept("COLUMN");
        String from = c.name("a column name");
        c.expect("TO");
        return new Ddl.RenameColumn(from, c.name("the new column name"));
    }

    /** Actions no rule looks into beyond their name and lock: read their words up to the next action. */
    private Ddl.Action other() {
        String op = c.acceptAny("ENABLE ROW LEVEL SECURITY", "DISABLE ROW LEVEL SECURITY", "FORCE ROW LEVEL SECURITY",
                "NO FORCE ROW LEVEL SECURITY", "ENABLE REPLICA TRIGGER", "ENABLE ALWAYS TRIGGER", "ENABLE TRIGGER",
                "DISABLE TRIGGER", "ENABLE REPLICA RULE", "ENABLE ALWAYS RULE", "ENABLE RULE", "DISABLE RULE",
                "CLUSTER ON", "SET WITHOUT CLUSTER", "SET WITHOUT OIDS", "SET ACCESS METHOD", "SET TABLESPACE",
                "SET LOGGED", "SET UNLOGGED", "SET SCHEMA", "INHERIT", "NO INHERIT", "OF", "NOT OF", "OWNER TO",
                "REPLICA IDENTITY", "SPLIT PARTITION", "MERGE PARTITIONS", "SET", "RESET").orElseThrow(() -> c.unreadable("an ALTER TABLE action (ADD, DROP, "
                + "ALTER, RENAME, VALIDATE CONSTRAINT, ATTACH/DETACH PARTITION, ENABLE, SET, OWNER TO, ...)"));
        skipWords();
        return new Ddl.OtherAction(op);
    }

    /** Skips to the next top-level {@code ,} or the end, checking brackets. */
    private void skipWords() {
        while (!c.atEnd() && !c.is(",")) {
            if (c.is("(")) {
                c.group("a parenthesised list");
            } else {
                c.next("a word");
            }
        }
    }

    private void skipBound() {
        c.acceptAny("IN", "FROM", "WITH");
        while (!c.atEnd() && !c.is(",")) {
            if (c.is("(")) {
                c.group("partition bounds");
            } else {
                c.next("partition bounds");
            }
        }
    }
}
