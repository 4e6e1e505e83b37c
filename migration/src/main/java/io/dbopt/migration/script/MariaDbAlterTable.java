package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads MariaDB's {@code ALTER TABLE [IF EXISTS] name [WAIT n | NOWAIT] specification [, ...]}, the cursor standing
 * after {@code TABLE}: columns (ADD, CHANGE, MODIFY, ALTER, DROP, RENAME), keys and constraints, {@code ALGORITHM=}
 * and {@code LOCK=}, table options, partition actions. One per statement.
 */
final class MariaDbAlterTable {

    private final TokenCursor c;
    private final MariaDbColumns columns;
    private Optional<String> algorithm = Optional.empty();
    private Optional<String> lock = Optional.empty();

    MariaDbAlterTable(TokenCursor cursor) {
        this.c = cursor;
        this.columns = new MariaDbColumns(cursor);
    }

    Ddl read() {
        boolean ifExists = c.accept("IF", "EXISTS");
        Ddl.Name table = c.qualifiedName("a table name");
        if (c.accept("WAIT")) {
            c.next("a number of seconds");
        } else {
            c.accept("NOWAIT");
        }
        List<Ddl.Action> actions = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        while (!c.atEnd()) {
            int offset = c.offset();
            List<Ddl.Action> read = specification();
            for (Ddl.Action a : read) {
                actions.add(a);
                offsets.add(offset);
            }
            if (!c.atEnd()) {
                c.expect(",");
            }
        }
        return new Ddl.AlterTable(table, actions, algorithm, lock, ifExists, offsets);
    }

    /** One specification; ALGORITHM= and LOCK= are remembered and give no action. */
    private List<Ddl.Action> specification() {
        if (MariaDbTableReader.atPartitionAction(c)) {
            return List.of(new Ddl.OtherAction(MariaDbTableReader.partitionAction(c)));
        }
        if (c.accept("ALGORITHM")) {
            c.accept("=");
            algorithm = Optional.of(c.rawName("an algorithm").toUpperCase(Locale.ROOT));
            return List.of();
        }
        if (c.accept("LOCK")) {
            c.accept("=");
            lock = Optional.of(c.rawName("a lock mode").toUpperCase(Locale.ROOT));
            return List.of();
        }
        if (c.accept("ADD")) {
            return add();
        }
        if (c.accept("DROP")) {
            return List.of(drop());
        }
        if (c.accept("CHANGE")) {
            c.accept("COLUMN");
            c.accept("IF", "EXISTS");
            String old = c.name("a column name");
            Ddl.ColumnSpec column = columns.column();
            position();
            return List.of(new Ddl.ChangeColumn(old, column));
        }
        if (c.accept("MODIFY")) {
            c.accept("COLUMN");
            c.accept("IF", "EXISTS");
            Ddl.ColumnSpec column = columns.column();
            position();
            return List.of(new Ddl.ModifyColumn(column));
        }
        if (c.accept("ALTER")) {
            return List.of(alter());
        }
        if (c.accept("RENAME")) {
            return List.of(rename());
        }
        if (c.accept("CONVERT", "TO")) {
            c.acceptAny("CHARACTER SET", "CHARSET").orElseThrow(() -> c.unreadable("CHARACTER SET"));
            String charset = c.rawName("a character set");
            if (c.accept("COLLATE")) {
                c.rawName("a collation");
            }
            return List.of(new Ddl.ConvertCharset(charset));
        }
        if (MariaDbTableReader.atTableOption(c)) {
            MariaDbTableReader.tableOption(c);
            return List.of(new Ddl.OtherAction("TABLE OPTION"));
        }
        throw c.unreadable("an ALTER TABLE specification (ADD, CHANGE, MODIFY, ALTER, DROP, RENAME, CONVERT TO, "
                + "ALGORITHM=, LOCK=, a table option, a partition action)");
    }

    private List<Ddl.Action> add() {
        List<Ddl.ConstraintSpec> constraints = new ArrayList<>();
        List<Ddl.IndexSpec> indexes = new ArrayList<>();
        if (columns.keyOrConstraint(constraints, indexes)) {
            return constraints.isEmpty() ? List.of(new Ddl.AddIndex(indexes.get(0)))
                    : List.of(new Ddl.AddConstraint(constraints.get(0), false));
        }
        c.accept("COLUMN");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        if (c.is("(")) {
            c.expect("(");
            List<Ddl.Action> added = new ArrayList<>();
            do {
                added.add(new Ddl.AddColumn(columns.column(), ifNotExists));
            } while (c.accept(","));
            c.expect(")");
            return added;
        }
        Ddl.ColumnSpec column = columns.column();
        position();
        return List.of(new Ddl.AddColumn(column, ifNotExists));
    }

    private Ddl.Action drop() {
        if (c.accept("PRIMARY", "KEY")) {
            return new Ddl.DropPrimaryKey();
        }
        if (c.accept("FOREIGN", "KEY")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new Ddl.DropConstraint(c.name("a foreign key name"), true, ifExists);
        }
        if (c.accept("CONSTRAINT")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new Ddl.DropConstraint(c.name("a constraint name"), false, ifExists);
        }
        if (MariaDbTableReader.isIndexWord(c.peek())) {
            c.next("INDEX");
            c.accept("IF", "EXISTS");
            return new Ddl.DropIndex(c.name("an index name"));
        }
        c.accept("COLUMN");
        boolean ifExists = c.accept("IF", "EXISTS");
        String column = c.name("a column name");
        c.acceptAny("RESTRICT", "CASCADE");
        return new Ddl.DropColumn(column, ifExists);
    }

    private Ddl.Action alter() {
        if (MariaDbTableReader.isIndexWord(c.peek())) {
            c.next("INDEX");
            c.name("an index name");
            c.acceptAny("NOT IGNORED", "IGNORED", "VISIBLE", "INVISIBLE")
                    .orElseThrow(() -> c.unreadable("VISIBLE, INVISIBLE, IGNORED or NOT IGNORED"));
            return new Ddl.OtherAction("ALTER INDEX");
        }
        c.accept("COLUMN");
        String column = c.name("a column name");
        if (c.accept("SET", "DEFAULT")) {
            int from = c.offset();
            c.skipTo(",");
            return new Ddl.SetDefault(column, c.textFrom(from));
        }
        if (c.accept("DROP", "DEFAULT")) {
            return new Ddl.DropDefault(column);
        }
        c.acceptAny("SET VISIBLE", "SET INVISIBLE").orElseThrow(() -> c.unreadable("SET DEFAULT, DROP DEFAULT, "
                + "SET VISIBLE or SET INVISIBLE"));
        return new Ddl.OtherAction("ALTER COLUMN VISIBILITY");
    }

    private Ddl.Action rename() {
        if (c.accept("COLUMN")) {
            String from = c.name("a column name");
            c.expect("TO");
            return new Ddl.RenameColumn(from, c.name("the new column name"));
        }
        if (MariaDbTableReader.isIndexWord(c.peek())) {
            c.next("INDEX");
            c.name("an index name");
            c.expect("TO");
            c.name("the new index name");
            return new Ddl.OtherAction("RENAME INDEX");
        }
        c.acceptAny("TO", "AS");
        return new Ddl.RenameTable(c.qualifiedName("the new table name"));
    }

    /** FIRST or AFTER column, after a column definition. */
    private void position() {
        if (c.accept("AFTER")) {
            c.name("a column name");
        } else {
            c.accept("FIRST");
        }
    }
}
