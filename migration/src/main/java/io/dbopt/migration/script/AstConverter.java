package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;

/** Turns JSqlParser's tree into a {@link Ddl}, unquoting and case-folding names. One per statement. */
final class AstConverter {

    private static final Set<String> SPEC_KEYWORDS = Set.of("NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK",
            "CONSTRAINT", "GENERATED", "AUTO_INCREMENT", "COLLATE", "COMMENT", "ON", "AFTER", "FIRST", "KEY",
            "INVISIBLE", "VISIBLE", "CHARACTER", "CHARSET");

    private final boolean mariaDb;
    private final StatementParser.Lifted lifted;

    AstConverter(boolean mariaDb, StatementParser.Lifted lifted) {
        this.mariaDb = mariaDb;
        this.lifted = lifted;
    }

    Ddl convert(Statement parsed, String firstWord) {
        if (parsed instanceof CreateTable ct) {
            return createTable(ct);
        }
        if (parsed instanceof CreateIndex ci) {
            return createIndex(ci);
        }
        if (parsed instanceof Alter alter) {
            return alterTable(alter);
        }
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
                    .map(this::identifier), identifier(seq.getSequence().getName()), isQuoted(seq.getSequence().getName())),
                    false);
        }
        if (parsed instanceof Insert insert) {
            return Ddl.DataChange.of("INSERT", Optional.of(name(insert.getTable())));
        }
        if (parsed instanceof Update update) {
            return Ddl.DataChange.of("UPDATE", Optional.ofNullable(update.getTable()).map(this::name));
        }
        if (parsed instanceof Delete delete) {
            return Ddl.DataChange.of("DELETE", Optional.ofNullable(delete.getTable()).map(this::name));
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

    private Ddl createTable(CreateTable ct) {
        List<Ddl.ColumnSpec> columns = new ArrayList<>();
        if (ct.getColumnDefinitions() != null) {
            for (ColumnDefinition cd : ct.getColumnDefinitions()) {
                columns.add(column(cd.getColumnName(), cd.getColDataType(), cd.getColumnSpecs()));
            }
        }
        List<Ddl.ConstraintSpec> constraints = new ArrayList<>();
        List<Ddl.IndexSpec> indexes = new ArrayList<>();
        if (ct.getIndexes() != null) {
            for (Index index : ct.getIndexes()) {
                tableElement(index, constraints, indexes);
            }
        }
        boolean temporary = ct.getCreateOptionsStrings() != null && ct.getCreateOptionsStrings().stream()
                .anyMatch(o -> o.equalsIgnoreCase("TEMPORARY"));
        return new Ddl.CreateTable(name(ct.getTable()), columns, constraints, indexes, ct.isIfNotExists(), temporary,
                false, ct.getSelect() != null, Optional.empty());
    }

    private void tableElement(Index index, List<Ddl.ConstraintSpec> constraints, List<Ddl.IndexSpec> indexes) {
        Optional<String> constraintName = Optional.ofNullable(index.getName()).map(this::identifier);
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        if (index instanceof ForeignKeyIndex fk) {
            constraints.add(Ddl.ConstraintSpec.of(Ddl.ConstraintKind.FOREIGN_KEY, constraintName, columns(index),
                    Optional.of(name(fk.getTable())), identifiers(fk.getReferencedColumnNames()), Optional.empty()));
        } else if (index instanceof CheckConstraint) {
            constraints.add(Ddl.ConstraintSpec.of(Ddl.ConstraintKind.CHECK, constraintName, List.of(),
                    Optional.empty(), List.of(), Optional.empty()));
        } else if (type.contains("PRIMARY")) {
            constraints.add(Ddl.ConstraintSpec.of(Ddl.ConstraintKind.PRIMARY_KEY, constraintName, columns(index),
                    Optional.empty(), List.of(), Optional.empty()));
        } else if (index instanceof NamedConstraint || type.equals("UNIQUE") && !mariaDb) {
            constraints.add(Ddl.ConstraintSpec.of(Ddl.ConstraintKind.UNIQUE, constraintName, columns(index),
                    Optional.empty(), List.of(), Optional.empty()));
        } else {
            indexes.add(new Ddl.IndexSpec(constraintName, columns(index), type.contains("UNIQUE")));
        }
    }

    private Ddl createIndex(CreateIndex ci) {
        Index index = ci.getIndex();
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        return new Ddl.CreateIndex(identifier(index.getName()), name(ci.getTable()), columns(index),
                type.contains("UNIQUE"), lifted.concurrently, ci.isUsingIfNotExists(), lifted.partial,
                lifted.algorithm, lifted.lock, true, "btree");
    }

    private Ddl drop(Drop drop) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        Ddl.ObjectKind kind = switch (type) {
            case "TABLE" -> Ddl.ObjectKind.TABLE;
            case "INDEX" -> Ddl.ObjectKind.INDEX;
            case "VIEW", "MATERIALIZED VIEW" -> Ddl.ObjectKind.VIEW;
            case "SEQUENCE" -> Ddl.ObjectKind.SEQUENCE;
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
        return new Ddl.Drop(kind, name(drop.getName()), drop.isIfExists(), lifted.concurrently, onTable, List.of(),
                cascade, type.isEmpty() ? "OBJECT" : type);
    }

    private Ddl alterTable(Alter alter) {
        List<Ddl.Action> actions = new ArrayList<>();
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        for (AlterExpression e : alter.getAlterExpressions()) {
            AlterOperation op = e.getOperation();
            if (op == AlterOperation.ALGORITHM) {
                algorithm = Optional.ofNullable(e.getAlgorithmOption()).map(v -> v.toUpperCase(Locale.ROOT));
            } else if (op == AlterOperation.LOCK) {
                lock = Optional.ofNullable(e.getLockOption()).map(v -> v.toUpperCase(Locale.ROOT));
            } else {
                actions.addAll(new AlterActions(this, lifted).of(e));
            }
        }
        return new Ddl.AlterTable(name(alter.getTable()), actions, algorithm, lock, false, List.of());
    }

    /** A column definition from a name, a JSqlParser type and the remaining specification words. */
    Ddl.ColumnSpec column(String rawName, ColDataType dataType, List<String> specs) {
        List<String> args = new ArrayList<>();
        String type = typeOf(dataType, args);
        Specs s = new Specs(specs == null ? List.of() : specs);
        return new Ddl.ColumnSpec(identifier(rawName), type, args, s.notNull, s.defaultExpr, s.primaryKey, s.unique,
                s.autoIncrement || type.contains("serial"), s.identity, s.references, s.refColumns,
                Ddl.TypeRef.of(type, args), s.generation, s.generatedExpr, Optional.empty(), false, 0);
    }

    /** The lower-case type without its arguments, which go to {@code args}: {@code varchar (20)} is varchar, [20]. */
    private static String typeOf(ColDataType dataType, List<String> args) {
        String text = dataType == null || dataType.getDataType() == null ? ""
                : dataType.getDataType().toLowerCase(Locale.ROOT);
        if (dataType != null && dataType.getArgumentsStringList() != null) {
            args.addAll(dataType.getArgumentsStringList());
        }
        int open = text.indexOf('(');
        int close = text.indexOf(')', Math.max(open, 0));
        if (open >= 0 && close > open) {
            for (String a : text.substring(open + 1, close).split(",")) {
                if (!a.isBlank()) {
                    args.add(a.strip());
                }
            }
            text = text.substring(0, open) + " " + text.substring(close + 1);
        }
        return text.strip().replaceAll("\\s+", " ");
    }

    /** Reads JSqlParser's column specification words ({@code NOT NULL DEFAULT 0 REFERENCES t (id)}). */
    private final class Specs {
        boolean notNull;
        boolean primaryKey;
        boolean unique;
        boolean autoIncrement;
        boolean identity;
        Optional<String> defaultExpr = Optional.empty();
        Ddl.Generation generation = Ddl.Generation.NONE;
        Optional<String> generatedExpr = Optional.empty();
        Optional<Ddl.Name> references = Optional.empty();
        List<String> refColumns = List.of();

        Specs(List<String> words) {
            for (int i = 0; i < words.size(); i++) {
                i = read(words, i);
            }
        }

        /** Reads the word at {@code i} and what belongs to it; returns the last index used. */
        private int read(List<String> words, int i) {
            switch (words.get(i).toUpperCase(Locale.ROOT)) {
                case "NOT" -> {
                    if (i + 1 < words.size() && words.get(i + 1).equalsIgnoreCase("NULL")) {
                        notNull = true;
                        return i + 1;
                    }
                }
                case "PRIMARY" -> {
                    primaryKey = true;
                    notNull = true;
                }
                case "UNIQUE" -> unique = true;
                case "AUTO_INCREMENT" -> autoIncrement = true;
                case "IDENTITY" -> identity = true;
                case "AS" -> {
                    if (i + 1 < words.size() && words.get(i + 1).startsWith("(")) {
                        generatedExpr = Optional.of(words.get(i + 1));
                        generation = words.stream().skip(i + 2).anyMatch(w -> w.equalsIgnoreCase("STORED")
                                || w.equalsIgnoreCase("PERSISTENT")) ? Ddl.Generation.STORED : Ddl.Generation.VIRTUAL;
                        return i + 1;
                    }
                }
                case "DEFAULT" -> {
                    int end = i + 1;
                    while (end < words.size() && !SPEC_KEYWORDS.contains(words.get(end).toUpperCase(Locale.ROOT))) {
                        end++;
                    }
                    defaultExpr = Optional.of(joinExpression(words.subList(i + 1, end)));
                    return end - 1;
                }
                case "REFERENCES" -> {
                    if (i + 1 < words.size()) {
                        references = Optional.of(nameOf(words.get(i + 1)));
                        if (i + 2 < words.size() && words.get(i + 2).startsWith("(")) {
                            refColumns = identifiers(List.of(words.get(i + 2).replaceAll("[()]", "").split(",")));
                        }
                    }
                }
                default -> {
                    // other words (collations, comments, ON UPDATE) do not matter to any rule
                }
            }
            return i;
        }
    }

    private static String joinExpression(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!sb.isEmpty() && !p.startsWith("(") && !p.startsWith(")") && !p.startsWith("::")
                    && !sb.toString().endsWith("::")) {
                sb.append(' ');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    List<String> columns(Index index) {
        if (index.getColumns() == null) {
            return List.of();
        }
        if (lifted.usingIndex.isPresent()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Index.ColumnParams c : index.getColumns()) {
            names.add(identifier(c.getColumnName()));
        }
        return names;
    }

    List<String> identifiers(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        return raw.stream().map(String::strip).filter(s -> !s.isEmpty()).map(this::identifier).toList();
    }

    Ddl.Name name(Table table) {
        String schema = table.getSchemaName();
        return new Ddl.Name(Optional.ofNullable(schema).map(this::identifier), identifier(table.getName()),
                isQuoted(table.getName()));
    }

    Ddl.Name nameOf(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot > 0 && !isQuoted(dotted)) {
            return new Ddl.Name(Optional.of(identifier(dotted.substring(0, dot))), identifier(dotted.substring(dot + 1)),
                    isQuoted(dotted.substring(dot + 1)));
        }
        return new Ddl.Name(Optional.empty(), identifier(dotted), isQuoted(dotted));
    }

    /** The stored form of an identifier: quotes removed, unquoted PostgreSQL names folded to lower case. */
    String identifier(String raw) {
        return unquote(raw, mariaDb);
    }

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
