package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads PostgreSQL's CREATE statements, the cursor standing after {@code CREATE}: tables, indexes, views, sequences,
 * types and domains in full, every other object kind by its kind. One per statement.
 */
final class PgCreate {

    /** Object kinds CREATE, ALTER and DROP name, longest first so that a prefix never wins. */
    static final List<String> OBJECT_KINDS = List.of("TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY",
            "TEXT SEARCH PARSER", "TEXT SEARCH TEMPLATE", "FOREIGN DATA WRAPPER", "MATERIALIZED VIEW",
            "DEFAULT PRIVILEGES", "OPERATOR FAMILY", "OPERATOR CLASS", "EVENT TRIGGER", "FOREIGN TABLE", "USER MAPPING",
            "ACCESS METHOD", "LARGE OBJECT", "PROPERTY GRAPH", "AGGREGATE", "CAST", "COLLATION", "CONVERSION",
            "DATABASE", "DOMAIN", "EXTENSION", "FUNCTION", "GROUP", "INDEX", "LANGUAGE", "OPERATOR", "OWNED", "POLICY",
            "PROCEDURE", "PUBLICATION", "ROLE", "ROUTINE", "RULE", "SCHEMA", "SEQUENCE", "SERVER", "STATISTICS",
            "SUBSCRIPTION", "SYSTEM", "TABLESPACE", "TABLE", "TRANSFORM", "TRIGGER", "TYPE", "USER", "VIEW");
    private static final Set<String> INDEX_ELEMENT_STOPS = Set.of();

    private final TokenCursor c;
    private final PgColumns columns;

    PgCreate(TokenCursor cursor) {
        this.c = cursor;
        this.columns = new PgColumns(cursor);
    }

    Ddl read() {
        boolean orReplace = c.accept("OR", "REPLACE");
        boolean temporary = false;
        boolean unique = false;
        while (true) {
            Optional<String> modifier = c.acceptAny("GLOBAL", "LOCAL", "TEMPORARY", "TEMP", "UNLOGGED", "UNIQUE",
                    "RECURSIVE", "TRUSTED", "PROCEDURAL", "DEFAULT", "CONSTRAINT");
            if (modifier.isEmpty()) {
                break;
            }
            temporary |= modifier.get().startsWith("TEMP");
            unique |= modifier.get().equals("UNIQUE");
        }
        String kind = objectKind(c, "an object type after CREATE (TABLE, INDEX, VIEW, FUNCTION, ...)");
        return switch (kind) {
            case "TABLE" -> table(temporary);
            case "INDEX" -> index(unique);
            case "VIEW" -> view(orReplace);
            case "SEQUENCE" -> sequence();
            case "TYPE" -> type();
            case "DOMAIN" -> domain();
            case "TRIGGER" -> trigger();
            default -> {
                c.skipRest();
                yield new Ddl.Other("CREATE " + kind);
            }
        };
    }

    /** {@link #OBJECT_KINDS} by their first word, longest first. */
    private static final java.util.Map<String, List<String>> KINDS_BY_FIRST_WORD = OBJECT_KINDS.stream().collect(
            java.util.stream.Collectors.groupingBy(k -> k.split(" ")[0]));

    /** Reads one of {@link #OBJECT_KINDS} or fails naming {@code expected}. */
    static String objectKind(TokenCursor c, String expected) {
        if (c.peek() != null) {
            for (String kind : KINDS_BY_FIRST_WORD.getOrDefault(c.peek().text().toUpperCase(Locale.ROOT), List.of())) {
                if (c.acceptAny(kind).isPresent()) {
                    return kind;
                }
            }
        }
        throw c.unreadable(expected);
    }

    private Ddl table(boolean temporary) {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Ddl.Name name = c.qualifiedName("a table name");
        Optional<Ddl.Name> partitionOf = Optional.empty();
        boolean typed = false;
        if (c.accept("PARTITION", "OF")) {
            partitionOf = Optional.of(c.qualifiedName("the partitioned table"));
            typed = true;
        } else if (c.accept("OF")) {
            c.qualifiedName("a composite type");
            typed = true;
        }
        List<Ddl.ColumnSpec> cols = new ArrayList<>();
        List<Ddl.ConstraintSpec> constraints = new ArrayList<>();
        if (c.is("(") && !columnNamesBeforeAs()) {
            c.expect("(");
            if (!c.is(")")) {
                do {
                    element(typed, cols, constraints);
                } while (c.accept(","));
            }
            c.expect(")");
        } else if (c.is("(")) {
            c.group("column names");
        } else if (!typed && !restHasAs()) {
            throw c.unreadable("'(' with the column definitions, PARTITION OF, OF or AS");
        }
        Options options = tableOptions();
        return new Ddl.CreateTable(name, cols, constraints, List.of(), ifNotExists, temporary, options.onCommitDrop(),
                options.asQuery(), partitionOf);
    }

    /** What the clauses after a table's columns say. */
    private record Options(boolean asQuery, boolean onCommitDrop) {
    }

    /** INHERITS, PARTITION BY, USING, WITH, WITHOUT OIDS, ON COMMIT, TABLESPACE, FOR VALUES, DEFAULT, AS query. */
    private Options tableOptions() {
        boolean asQuery = false;
        boolean onCommitDrop = false;
        while (!c.atEnd()) {
            if (c.accept("AS")) {
                asQuery = true;
                c.skipRest();
            } else if (c.accept("ON", "COMMIT")) {
                onCommitDrop = c.acceptAny("DROP", "DELETE ROWS", "PRESERVE ROWS")
                        .orElseThrow(() -> c.unreadable("DROP, DELETE ROWS or PRESERVE ROWS")).equals("DROP");
            } else if (c.accept("INHERITS") || c.accept("WITH")) {
                c.group("a parenthesised list");
            } else if (c.accept("PARTITION", "BY")) {
                c.acceptAny("RANGE", "LIST", "HASH").orElseThrow(() -> c.unreadable("RANGE, LIST or HASH"));
                c.group("the partition key");
            } else if (c.accept("USING") || c.accept("TABLESPACE")) {
                c.rawName("a name");
            } else if (c.accept("FOR", "VALUES")) {
                partitionBound();
            } else if (!c.accept("WITHOUT", "OIDS") && !c.accept("DEFAULT")) {
                throw c.unreadable("a table option (INHERITS, PARTITION BY, USING, WITH, TABLESPACE, ON COMMIT, AS)");
            }
        }
        return new Options(asQuery, onCommitDrop);
    }

    private void partitionBound() {
        if (c.accept("IN") || c.accept("WITH")) {
            c.group("partition bound values");
        } else {
            c.expect("FROM");
            c.group("the lower partition bound");
            c.expect("TO");
            c.group("the upper partition bound");
        }
    }

    /** Whether an {@code AS} follows at depth zero (options may stand before it). */
    private boolean restHasAs() {
        int save = c.position();
        try {
            while (!c.atEnd()) {
                if (c.is("AS")) {
                    return true;
                }
                if (c.is("(")) {
                    c.group("a clause");
                } else {
                    c.next("a clause");
                }
            }
            return false;
        } catch (TokenCursor.Unreadable e) {
            return false;
        } finally {
            c.reset(save);
        }
    }

    /** Whether the parenthesised list at the cursor is followed by {@code AS}: {@code CREATE TABLE t (a, b) AS ...}. */
    private boolean columnNamesBeforeAs() {
        int save = c.position();
        try {
            c.group("column definitions");
            while (!c.atEnd()) {
                if (c.is("AS")) {
                    return true;
                }
                if (c.is("(")) {
                    c.group("a clause");
                } else {
                    c.next("a clause");
                }
            }
            return false;
        } catch (TokenCursor.Unreadable e) {
            return false;
        } finally {
            c.reset(save);
        }
    }

    private void element(boolean typed, List<Ddl.ColumnSpec> cols, List<Ddl.ConstraintSpec> constraints) {
        if (columns.atTableConstraint() || c.is("NOT", "NULL")) {
            constraints.add(columns.tableConstraint());
        } else if (c.accept("LIKE")) {
            c.qualifiedName("the table to copy");
            while (c.acceptAny("INCLUDING", "EXCLUDING").isPresent()) {
                c.rawName("a LIKE option");
            }
        } else if (typed) {
            int offset = c.offset();
            String name = c.name("a column name");
            c.accept("WITH", "OPTIONS");
            cols.add(columns.constraints(name, new Ddl.TypeRef("", List.of(), 0, ""), offset));
        } else {
            cols.add(columns.column());
        }
    }

    private Ddl index(boolean unique) {
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Optional<String> name = Optional.empty();
        if (c.atName()) {
            name = Optional.of(c.name("an index name"));
        } else if (ifNotExists) {
            throw c.unreadable("an index name after IF NOT EXISTS");
        }
        c.expect("ON");
        c.accept("ONLY");
        Ddl.Name table = c.qualifiedName("a table name");
        String method = "btree";
        if (c.accept("USING")) {
            method = c.rawName("an index method").toLowerCase(Locale.ROOT);
        }
        c.expect("(");
        List<String> keys = new ArrayList<>();
        do {
            keys.add(indexElement());
        } while (c.accept(","));
        c.expect(")");
        boolean partial = false;
        while (!c.atEnd()) {
            if (c.accept("INCLUDE")) {
                c.group("included columns");
            } else if (c.accept("NULLS")) {
                c.accept("NOT");
                c.expect("DISTINCT");
            } else if (c.accept("WITH")) {
                c.group("storage parameters");
            } else if (c.accept("TABLESPACE")) {
                c.name("a tablespace");
            } else if (c.accept("WHERE")) {
                partial = true;
                c.skipRest();
            } else {
                throw c.unreadable("INCLUDE, NULLS, WITH, TABLESPACE or WHERE");
            }
        }
        String chosen = name.orElseGet(() -> defaultIndexName(table, keys));
        return new Ddl.CreateIndex(chosen, table, keys, unique, concurrently, ifNotExists, partial, Optional.empty(),
                Optional.empty(), name.isPresent(), method);
    }

    /** One key: a column (returned as its name) or an expression (returned in parentheses), with its options. */
    private String indexElement() {
        if (c.atName() && c.peek(1) != null && !c.peek(1).is("(") && !c.peek(1).is(".")) {
            String column = c.name("a column");
            while (!c.atEnd() && !c.is(",") && !c.is(")")) {
                if (c.is("(")) {
                    c.group("operator class parameters");
                } else {
                    c.next("an index key option");
                }
            }
            return column;
        }
        String expression = c.expression("an index key", INDEX_ELEMENT_STOPS);
        return expression.startsWith("(") ? expression : "(" + expression + ")";
    }

    /** The name PostgreSQL gives an unnamed index: table, key columns ({@code expr} for expressions), {@code idx}. */
    static String defaultIndexName(Ddl.Name table, List<String> keys) {
        StringBuilder sb = new StringBuilder(table.name());
        for (String k : keys) {
            sb.append('_').append(k.startsWith("(") ? expressionName(k) : k);
        }
        String base = sb.toString();
        return base.length() + 4 <= 63 ? base + "_idx" : base.substring(0, 59) + "_idx";
    }

    private static String expressionName(String expression) {
        String inner = expression.substring(1).strip();
        int paren = inner.indexOf('(');
        String head = paren > 0 ? inner.substring(0, paren).strip() : "";
        return head.matches("[A-Za-z_][A-Za-z0-9_]*") ? head.toLowerCase(Locale.ROOT) : "expr";
    }

    private Ddl view(boolean orReplace) {
        Ddl.Name name = c.qualifiedName("a view name");
        List<String> cols = c.is("(") ? c.nameList("a column name") : List.of();
        if (c.accept("WITH")) {
            c.group("view options");
        }
        c.expect("AS");
        c.skipRest();
        return new Ddl.CreateView(name, orReplace, cols);
    }

    private Ddl sequence() {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Ddl.Name name = c.qualifiedName("a sequence name");
        c.skipRest();
        return new Ddl.CreateSequence(name, ifNotExists);
    }

    private Ddl type() {
        Ddl.Name name = c.qualifiedName("a type name");
        if (c.atEnd()) {
            return new Ddl.CreateType(name, "SHELL", List.of());
        }
        if (c.accept("AS", "ENUM")) {
            c.expect("(");
            List<String> values = new ArrayList<>();
            if (!c.is(")")) {
                do {
                    values.add(c.string("an enum value in quotes"));
                } while (c.accept(","));
            }
            c.expect(")");
            c.expectEnd();
            return new Ddl.CreateType(name, "ENUM", values);
        }
        String variant = c.accept("AS", "RANGE") ? "RANGE" : c.accept("AS") ? "COMPOSITE" : "BASE";
        c.group("the type definition in parentheses");
        c.expectEnd();
        return new Ddl.CreateType(name, variant, List.of());
    }

    private Ddl trigger() {
        String name = c.name("a trigger name");
        while (!c.atEnd() && !c.is("ON")) {
            c.next("ON table");
        }
        c.expect("ON");
        Ddl.Name table = c.qualifiedName("a table name");
        c.skipRest();
        return new Ddl.CreateTrigger(name, table);
    }

    private Ddl domain() {
        Ddl.Name name = c.qualifiedName("a domain name");
        c.accept("AS");
        Ddl.TypeRef type = columns.type();
        int constraints = 0;
        while (!c.atEnd()) {
            if (c.accept("CONSTRAINT")) {
                c.name("a constraint name");
            } else if (c.accept("COLLATE")) {
                c.qualifiedName("a collation");
            } else if (c.accept("DEFAULT")) {
                c.expression("a default expression", Set.of("CONSTRAINT", "NOT", "NULL", "CHECK", "COLLATE"));
            } else if (c.accept("NOT", "NULL") || c.accept("CHECK") && c.group("a check expression") != null) {
                constraints++;
            } else if (!c.accept("NULL") && c.acceptAny("NOT ENFORCED", "ENFORCED").isEmpty()) {
                throw c.unreadable("CONSTRAINT, COLLATE, DEFAULT, NOT NULL, NULL or CHECK");
            }
        }
        return new Ddl.CreateDomain(name, type, constraints);
    }
}
