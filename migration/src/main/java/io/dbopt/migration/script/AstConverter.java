package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Turns JSqlParser's tree of a MariaDB statement other than a table statement (DROP TABLE/VIEW, RENAME TABLE,
 * CREATE VIEW/SEQUENCE, INSERT, UPDATE, DELETE, TRUNCATE) into a {@link Ddl}, unquoting names; and holds the name
 * rules every reader shares. Stateless.
 */
final class AstConverter {

    private static final boolean MARIADB = true;

    Ddl convert(Statement parsed, String firstWord) {
        if (parsed instanceof Drop drop) {
            return drop(drop);
        }
        if (parsed instanceof RenameTableStatement rename) {
            List<Ddl.Name> from = new ArrayList<>();
            List<Ddl.Name> to = new ArrayList<>();
            for (Map.Entry<Table, Table> e : rename.getTableNames()) {
                from.add(name(e.getKey()));
                to.add(name(e.getValue()));
            }
            return new Ddl.RenameTables(from, to);
        }
        if (parsed instanceof CreateView view) {
            return new Ddl.CreateView(name(view.getView()), view.isOrReplace(), List.of());
        }
        if (parsed instanceof CreateSequence seq) {
            return new Ddl.CreateSequence(new Ddl.Name(Optional.ofNullable(seq.getSequence().getSchemaName())
                    .map(AstConverter::identifier), identifier(seq.getSequence().getName()),
                    isQuoted(seq.getSequence().getName())), false);
        }
        if (parsed instanceof Insert insert) {
            return Ddl.DataChange.of("INSERT", Optional.of(name(insert.getTable())));
        }
        if (parsed instanceof Update update) {
            return Ddl.DataChange.of("UPDATE", Optional.ofNullable(update.getTable()).map(AstConverter::name));
        }
        if (parsed instanceof Delete delete) {
            return Ddl.DataChange.of("DELETE", Optional.ofNullable(delete.getTable()).map(AstConverter::name));
        }
        if (parsed instanceof net.sf.jsqlparser.statement.truncate.Truncate truncate && !truncate.getCascade()
                && truncate.getTable() != null && (truncate.getTables() == null || truncate.getTables().size() <= 1)) {
            // one table, no CASCADE: its kept rows restore it (CASCADE empties referencing tables too)
            return Ddl.DataChange.of("TRUNCATE", Optional.of(name(truncate.getTable())));
        }
        String simple = parsed.getClass().getSimpleName().toUpperCase(Locale.ROOT);
        if (simple.contains("TRUNCATE") || simple.contains("MERGE") || simple.contains("UPSERT")) {
            return Ddl.DataChange.of(firstWord, Optional.empty());
        }
        return new Ddl.Other(firstWord);
    }

    private static Ddl drop(Drop drop) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        Ddl.ObjectKind kind = switch (type) {
            case "TABLE" -> Ddl.ObjectKind.TABLE;
            case "INDEX" -> Ddl.ObjectKind.INDEX;
            case "VIEW" -> Ddl.ObjectKind.VIEW;
            case "SEQUENCE" -> Ddl.ObjectKind.SEQUENCE;
            case "DATABASE", "SCHEMA" -> Ddl.ObjectKind.DATABASE;
            default -> Ddl.ObjectKind.OTHER;
        };
        Optional<Ddl.Name> onTable = Optional.empty();
        List<String> on = drop.getParameters();
        if (on != null) {
            for (int i = 0; i + 1 < on.size(); i++) {
                if (on.get(i).equalsIgnoreCase("ON")) {
                    onTable = Optional.of(new Ddl.Name(Optional.empty(), identifier(on.get(i + 1)),
                            isQuoted(on.get(i + 1))));
                }
            }
        }
        boolean cascade = on != null && on.stream().anyMatch(p -> p.equalsIgnoreCase("CASCADE"));
        return new Ddl.Drop(kind, name(drop.getName()), drop.isIfExists(), false, onTable, List.of(), cascade,
                type.isEmpty() ? "OBJECT" : type);
    }

    private static Ddl.Name name(Table table) {
        String schema = table.getSchemaName();
        return new Ddl.Name(Optional.ofNullable(schema).map(AstConverter::identifier), identifier(table.getName()),
                isQuoted(table.getName()));
    }

    private static String identifier(String raw) {
        return unquote(raw, MARIADB);
    }

    /** The stored form of an identifier: quotes removed, unquoted PostgreSQL names folded to lower case. */
    static String unquote(String raw, boolean mariaDb) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' && s.endsWith("\"") || s.charAt(0) == '`' && s.endsWith("`"))) {
            char q = s.charAt(0);
            return s.substring(1, s.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return mariaDb ? s : s.toLowerCase(Locale.ROOT);
    }

    static boolean isQuoted(String raw) {
        return raw != null && (raw.startsWith("\"") || raw.startsWith("`"));
    }
}
