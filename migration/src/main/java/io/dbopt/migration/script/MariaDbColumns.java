package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads MariaDB column definitions (type, then attributes in any order: NULL, DEFAULT, AUTO_INCREMENT, keys,
 * COMMENT, generated columns, REFERENCES...), CREATE TABLE elements (keys, indexes, constraints) and index key parts
 * from a {@link TokenCursor}. One per statement.
 */
final class MariaDbColumns {

    private final TokenCursor c;

    MariaDbColumns(TokenCursor cursor) {
        this.c = cursor;
    }

    /** Reads one CREATE TABLE element into the list it belongs to. */
    void element(List<Ddl.ColumnSpec> columns, List<Ddl.ConstraintSpec> constraints, List<Ddl.IndexSpec> indexes) {
        if (c.is("PERIOD", "FOR")) {
            c.skipTo(",", ")");
            return;
        }
        if (!keyOrConstraint(constraints, indexes)) {
            columns.add(column());
        }
    }

    /**
     * Reads a key, index or constraint definition when one starts at the cursor ({@code PRIMARY KEY}, {@code UNIQUE},
     * {@code INDEX}/{@code KEY}, {@code FULLTEXT}, {@code SPATIAL}, {@code FOREIGN KEY}, {@code CHECK}, with an
     * optional {@code CONSTRAINT name} before) into {@code constraints} (primary, foreign keys and checks) or
     * {@code indexes} (unique keys are indexes on MariaDB); whether one was there.
     */
    boolean keyOrConstraint(List<Ddl.ConstraintSpec> constraints, List<Ddl.IndexSpec> indexes) {
        int start = c.position();
        Optional<String> name = Optional.empty();
        if (c.accept("CONSTRAINT") && !c.is("PRIMARY") && !c.is("UNIQUE") && !c.is("FOREIGN") && !c.is("CHECK")) {
            name = Optional.of(c.name("a constraint name"));
        }
        if (c.accept("PRIMARY", "KEY")) {
            indexType();
            constraints.add(Ddl.ConstraintSpec.of(Ddl.ConstraintKind.PRIMARY_KEY, name, keyParts(c),
                    Optional.empty(), List.of(), Optional.empty()));
            indexOptions();
        } else if (c.accept("UNIQUE")) {
            if (MariaDbTableReader.isIndexWord(c.peek())) {
                c.next("INDEX");
            }
            Optional<String> indexName = c.atName() ? Optional.of(c.name("an index name")) : name;
            indexType();
            List<String> parts = keyParts(c);
            indexOptions();
            indexes.add(new Ddl.IndexSpec(indexName.or(() -> Optional.of(parts.get(0))), parts, true));
        } else if (c.accept("FOREIGN", "KEY")) {
            c.accept("IF", "NOT", "EXISTS");
            if (c.atName()) {
                Optional<String> indexName = Optional.of(c.name("an index name"));
                name = name.or(() -> indexName);
            }
            List<String> columns = keyParts(c);
            c.expect("REFERENCES");
            Ddl.Name table = c.qualifiedName("the referenced table");
            List<String> refColumns = keyParts(c);
            references();
            constraints.add(Ddl.ConstraintSpec.of(Ddl.ConstraintKind.FOREIGN_KEY, name, columns, Optional.of(table),
                    refColumns, Optional.empty()));
        } else if (c.accept("CHECK")) {
            String expression = c.group("a check expression in parentheses");
            constraints.add(new Ddl.ConstraintSpec(Ddl.ConstraintKind.CHECK, name, List.of(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.of(expression), false, false));
        } else if (name.isEmpty() && c.position() == start
                && (MariaDbTableReader.isIndexWord(c.peek()) || c.is("FULLTEXT") || c.is("SPATIAL"))) {
            c.acceptAny("FULLTEXT", "SPATIAL");
            if (MariaDbTableReader.isIndexWord(c.peek())) {
                c.next("INDEX");
            }
            c.accept("IF", "NOT", "EXISTS");
            Optional<String> indexName = c.atName() ? Optional.of(c.name("an index name")) : Optional.empty();
            indexType();
            List<String> parts = keyParts(c);
            indexOptions();
            indexes.add(new Ddl.IndexSpec(indexName, parts, false));
        } else if (c.position() != start) {
            throw c.unreadable("PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK after CONSTRAINT");
        } else {
            return false;
        }
        return true;
    }

    /** {@code (a, b(10) DESC, ...)}: the column names. */
    static List<String> keyParts(TokenCursor c) {
        c.expect("(");
        List<String> names = new ArrayList<>();
        do {
            if (c.is("(")) {
                names.add("(" + c.group("an expression key") + ")");
            } else {
                names.add(c.name("a column name"));
                if (c.is("(")) {
                    c.group("a prefix length");
                }
            }
            c.acceptAny("ASC", "DESC");
        } while (c.accept(","));
        c.expect(")");
        return names;
    }

    private void indexType() {
        if (c.accept("USING")) {
            c.rawName("an index type");
        }
    }

    private void indexOptions() {
        while (!c.atEnd() && !c.is(",") && !c.is(")")) {
            indexOption(c);
        }
    }

    /** One index option: KEY_BLOCK_SIZE, USING, COMMENT, WITH PARSER, [NOT] IGNORED, VISIBLE/INVISIBLE, CLUSTERING. */
    static void indexOption(TokenCursor c) {
        if (c.accept("KEY_BLOCK_SIZE") || c.accept("COMMENT") || c.accept("CLUSTERING")) {
            c.accept("=");
            c.next("a value");
        } else if (c.accept("USING") || c.accept("WITH", "PARSER")) {
            c.rawName("a name");
        } else if (c.acceptAny("NOT IGNORED", "IGNORED", "VISIBLE", "INVISIBLE", "WAIT", "NOWAIT").isPresent()) {
            if (c.peek() != null && c.peek().kind() == SqlTokenKind.NUMBER) {
                c.next("a number");
            }
        } else {
            throw c.unreadable("an index option (ALGORITHM=, LOCK=, USING, COMMENT, KEY_BLOCK_SIZE, ...)");
        }
    }

    /** ON DELETE / ON UPDATE / MATCH of a reference definition. */
    private void references() {
        while (true) {
            if (c.accept("ON", "DELETE") || c.accept("ON", "UPDATE")) {
                c.acceptAny("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT").orElseThrow(() ->
                        c.unreadable("RESTRICT, CASCADE, SET NULL, NO ACTION or SET DEFAULT"));
            } else if (c.accept("MATCH")) {
                c.acceptAny("FULL", "PARTIAL", "SIMPLE").orElseThrow(() -> c.unreadable("FULL, PARTIAL or SIMPLE"));
            } else {
                return;
            }
        }
    }

    /** Reads {@code name data_type attributes...} up to a {@code ,}, a {@code )}, FIRST/AFTER or the end. */
    Ddl.ColumnSpec column() {
        int offset = c.offset();
        String name = c.name("a column name");
        return definition(name, offset);
    }

    /** Reads a column's type and attributes, the name already read. */
    Ddl.ColumnSpec definition(String name, int offset) {
        Ddl.TypeRef type = type();
        Facts f = new Facts();
        while (!c.atEnd() && !c.is(",") && !c.is(")") && !c.is("FIRST") && !c.is("AFTER")) {
            attribute(f);
        }
        return new Ddl.ColumnSpec(name, type.name(), type.args(), f.notNull, f.defaultExpr, f.primaryKey, f.unique,
                f.autoIncrement, false, f.references, f.refColumns, type, f.generation, f.generatedExpr,
                f.checkExpr, false, offset);
    }

    /** {@code int(11) unsigned}, {@code varchar(20) CHARACTER SET utf8mb4}, {@code enum('a','b')}, {@code double precision}. */
    private Ddl.TypeRef type() {
        int from = c.offset();
        SqlToken first = c.peek();
        if (first == null || first.kind() != SqlTokenKind.WORD && first.kind() != SqlTokenKind.QUOTED_IDENTIFIER) {
            throw c.unreadable("a type");
        }
        c.next("a type");
        StringBuilder name = new StringBuilder(c.identifier(first.text()).toLowerCase(Locale.ROOT));
        if (c.acceptAny("PRECISION", "VARYING").isPresent()) {
            name.append(' ').append(c.peek(-1).text().toLowerCase(Locale.ROOT));
        }
        List<String> args = new ArrayList<>();
        if (c.is("(")) {
            for (String a : c.group("type arguments").split(",")) {
                args.add(a.strip());
            }
        }
        while (c.acceptAny("UNSIGNED", "SIGNED", "ZEROFILL").isPresent()) {
            if (c.peek(-1).is("UNSIGNED")) {
                name.append(" unsigned");
            }
        }
        return new Ddl.TypeRef(name.toString(), args, 0, c.textFrom(from));
    }

    /** What a column's attributes say. */
    private static final class Facts {
        boolean notNull;
        boolean primaryKey;
        boolean unique;
        boolean autoIncrement;
        Optional<String> defaultExpr = Optional.empty();
        Optional<Ddl.Name> references = Optional.empty();
        List<String> refColumns = List.of();
        Ddl.Generation generation = Ddl.Generation.NONE;
        Optional<String> generatedExpr = Optional.empty();
        Optional<String> checkExpr = Optional.empty();
    }

    private void attribute(Facts f) {
        if (c.accept("NOT", "NULL")) {
            f.notNull = true;
        } else if (c.accept("NULL")) {
            f.notNull = false;
        } else if (c.accept("DEFAULT")) {
            f.defaultExpr = Optional.of(defaultValue());
        } else if (c.accept("ON", "UPDATE")) {
            defaultValue();
        } else if (c.accept("AUTO_INCREMENT")) {
            f.autoIncrement = true;
        } else if (c.accept("PRIMARY", "KEY")) {
            f.primaryKey = true;
            f.notNull = true;
        } else if (c.accept("UNIQUE")) {
            f.unique = true;
            c.accept("KEY");
        } else if (c.accept("KEY")) {
            f.primaryKey = true;
            f.notNull = true;
        } else if (c.accept("COMMENT") || c.accept("COLUMN_FORMAT") || c.accept("STORAGE")
                || c.accept("REF_SYSTEM_ID") || c.accept("COMPRESSED")) {
            c.accept("=");
            if (!c.atEnd() && !c.is(",") && !c.is(")")) {
                c.next("a value");
            }
        } else if (c.acceptAny("CHARACTER SET", "CHARSET", "COLLATE").isPresent()) {
            c.rawName("a character set or collation");
        } else if (c.is("GENERATED") || c.is("AS")) {
            generated(f);
        } else if (c.accept("REFERENCES")) {
            f.references = Optional.of(c.qualifiedName("the referenced table"));
            f.refColumns = c.is("(") ? keyParts(c) : List.of();
            references();
        } else if (c.accept("CHECK")) {
            f.checkExpr = Optional.of(c.group("a check expression in parentheses"));
        } else if (c.acceptAny("INVISIBLE", "WITH SYSTEM VERSIONING", "WITHOUT SYSTEM VERSIONING").isEmpty()) {
            throw c.unreadable("a column attribute (NOT NULL, NULL, DEFAULT, AUTO_INCREMENT, PRIMARY KEY, UNIQUE, "
                    + "COMMENT, COLLATE, AS (...), REFERENCES, CHECK, INVISIBLE)");
        }
    }

    private void generated(Facts f) {
        c.accept("GENERATED", "ALWAYS");
        c.expect("AS");
        if (c.accept("ROW")) {
            c.acceptAny("START", "END").orElseThrow(() -> c.unreadable("START or END"));
            return;
        }
        f.generatedExpr = Optional.of(c.group("the generation expression in parentheses"));
        f.generation = c.acceptAny("STORED", "PERSISTENT").isPresent() ? Ddl.Generation.STORED : Ddl.Generation.VIRTUAL;
        c.accept("VIRTUAL");
    }

    /** A default: a literal, a signed number, NULL, (expression), or CURRENT_TIMESTAMP / NOW() with a precision. */
    private String defaultValue() {
        int from = c.offset();
        if (c.is("(")) {
            return "(" + c.group("a default expression") + ")";
        }
        if (c.is("-") || c.is("+")) {
            c.next("a sign");
        }
        SqlToken value = c.next("a default value");
        if (value.kind() == SqlTokenKind.WORD && c.is("(")) {
            c.group("function arguments");
        }
        return c.textFrom(from);
    }
}
