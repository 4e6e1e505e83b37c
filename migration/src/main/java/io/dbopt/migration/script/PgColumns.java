package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads PostgreSQL types, column definitions and table constraints (the grammar CREATE TABLE, ALTER TABLE ADD and
 * CREATE DOMAIN share) from a {@link TokenCursor}. A word where a constraint must stand ({@code NOT NULL DEFAUL 1})
 * fails with {@link TokenCursor.Unreadable}. One per statement.
 */
final class PgColumns {

    /** Words that end a column default (the start of the next constraint of the column). */
    private static final Set<String> DEFAULT_STOPS = Set.of("NOT", "NULL", "CHECK", "DEFAULT", "GENERATED", "UNIQUE",
            "PRIMARY", "REFERENCES", "CONSTRAINT", "COLLATE", "DEFERRABLE", "INITIALLY", "ENFORCED");
    private static final Set<String> SERIALS = Set.of("serial", "serial2", "serial4", "serial8", "smallserial",
            "bigserial");
    private static final Set<String> CONSTRAINT_STARTS = Set.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "EXCLUDE",
            "FOREIGN");

    private final TokenCursor c;

    PgColumns(TokenCursor cursor) {
        this.c = cursor;
    }

    /** Whether a table constraint (rather than a column) starts at the cursor. */
    boolean atTableConstraint() {
        SqlToken t = c.peek();
        return t != null && t.kind() == SqlTokenKind.WORD && CONSTRAINT_STARTS.contains(t.text().toUpperCase(Locale.ROOT));
    }

    /** Reads a type: {@code varchar(20)}, {@code timestamp(3) with time zone}, {@code public.money_t[]}. */
    Ddl.TypeRef type() {
        int from = c.offset();
        String name;
        List<String> args = new ArrayList<>();
        SqlToken first = c.peek();
        if (first != null && first.kind() == SqlTokenKind.QUOTED_IDENTIFIER && first.text().equals("\"char\"")) {
            c.next("a type");
            name = "\"char\"";
        } else if (c.accept("DOUBLE", "PRECISION")) {
            name = "double precision";
        } else if (c.acceptAny("CHARACTER VARYING", "CHAR VARYING", "NATIONAL CHARACTER VARYING",
                "NATIONAL CHAR VARYING", "NCHAR VARYING").isPresent()) {
            name = "character varying";
        } else if (c.acceptAny("NATIONAL CHARACTER", "NATIONAL CHAR", "NCHAR").isPresent()) {
            name = "character";
        } else if (c.accept("BIT", "VARYING")) {
            name = "bit varying";
        } else if (c.is("TIMESTAMP") || c.is("TIME")) {
            name = c.next("a type").text().toLowerCase(Locale.ROOT);
            args.addAll(arguments());
            if (c.accept("WITH", "TIME", "ZONE")) {
                name += " with time zone";
            } else if (c.accept("WITHOUT", "TIME", "ZONE")) {
                name += " without time zone";
            }
            return withArrays(name, args, from);
        } else if (c.accept("INTERVAL")) {
            name = "interval";
            c.acceptAny("YEAR TO MONTH", "DAY TO HOUR", "DAY TO MINUTE", "DAY TO SECOND", "HOUR TO MINUTE",
                    "HOUR TO SECOND", "MINUTE TO SECOND", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");
        } else {
            name = typeName();
        }
        args.addAll(arguments());
        return withArrays(name, args, from);
    }

    private String typeName() {
        if (!c.atName() && !c.is("CHARACTER")) {
            throw c.unreadable("a type");
        }
        List<String> parts = new ArrayList<>();
        parts.add(c.rawName("a type"));
        while (c.is(".") && c.peek(1) != null && (c.peek(1).kind() == SqlTokenKind.WORD
                || c.peek(1).kind() == SqlTokenKind.QUOTED_IDENTIFIER)) {
            c.next(".");
            parts.add(c.rawName("a type"));
        }
        if (parts.size() > 1 && c.identifier(parts.get(0)).equals("pg_catalog")) {
            parts.remove(0);
        }
        return String.join(".", parts.stream().map(c::identifier).toList());
    }

    private List<String> arguments() {
        if (!c.is("(")) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        for (String a : c.group("type arguments").split(",")) {
            if (a.isBlank()) {
                throw c.unreadable("a type argument");
            }
            args.add(a.strip());
        }
        return args;
    }

    private Ddl.TypeRef withArrays(String name, List<String> args, int from) {
        int dims = 0;
        while (true) {
            if (c.is("[")) {
                c.group("array bounds");
                dims++;
            } else if (c.accept("ARRAY")) {
                if (c.is("[")) {
                    c.group("array bounds");
                }
                dims++;
            } else {
                break;
            }
        }
        return new Ddl.TypeRef(name, args, dims, c.textFrom(from));
    }

    /** Reads {@code name type [constraints]} up to a {@code ,}, a {@code )} or the end. */
    Ddl.ColumnSpec column() {
        int offset = c.offset();
        String name = c.name("a column name");
        Ddl.TypeRef type = type();
        return constraints(name, type, offset);
    }

    /** Reads a column's constraints after its type (or after {@code WITH OPTIONS} in typed tables). */
    Ddl.ColumnSpec constraints(String name, Ddl.TypeRef type, int offset) {
        ColumnFacts f = new ColumnFacts();
        while (!c.atEnd() && !c.is(",") && !c.is(")")) {
            columnConstraint(f);
        }
        String base = type.name();
        return new Ddl.ColumnSpec(name, base, type.args(), f.notNull, f.defaultExpr, f.primaryKey, f.unique,
                SERIALS.contains(base), f.identity, f.references, f.refColumns, type, f.generation, f.generatedExpr,
                f.checkExpr, f.deferrable, offset);
    }

    /** What a column's constraints say. */
    private static final class ColumnFacts {
        boolean notNull;
        boolean primaryKey;
        boolean unique;
        boolean identity;
        boolean deferrable;
        Optional<String> defaultExpr = Optional.empty();
        Optional<Ddl.Name> references = Optional.empty();
        List<String> refColumns = List.of();
        Ddl.Generation generation = Ddl.Generation.NONE;
        Optional<String> generatedExpr = Optional.empty();
        Optional<String> checkExpr = Optional.empty();
    }

    private void columnConstraint(ColumnFacts f) {
        if (c.accept("CONSTRAINT")) {
            c.name("a constraint name");
            if (c.atEnd() || c.is(",") || c.is(")")) {
                throw c.unreadable("a constraint after CONSTRAINT name");
            }
            return;
        }
        if (c.accept("COLLATE")) {
            c.qualifiedName("a collation");
        } else if (c.accept("COMPRESSION") || c.accept("STORAGE")) {
            c.rawName("a compression or storage method");
        } else if (c.accept("NOT", "NULL")) {
            f.notNull = true;
            c.accept("NO", "INHERIT");
        } else if (c.accept("NULL")) {
            f.notNull = false;
        } else if (c.accept("CHECK")) {
            f.checkExpr = Optional.of(c.group("a check expression in parentheses"));
            c.accept("NO", "INHERIT");
        } else if (c.accept("DEFAULT")) {
            f.defaultExpr = Optional.of(c.expression("a default expression", DEFAULT_STOPS));
        } else if (c.accept("GENERATED")) {
            generated(f);
        } else if (c.accept("UNIQUE")) {
            f.unique = true;
            nullsDistinct();
            indexParameters();
        } else if (c.accept("PRIMARY", "KEY")) {
            f.primaryKey = true;
            f.notNull = true;
            indexParameters();
        } else if (c.accept("REFERENCES")) {
            f.references = Optional.of(c.qualifiedName("the referenced table"));
            if (c.is("(")) {
                f.refColumns = c.nameList("a referenced column");
            }
            referentialActions();
        } else if (!deferral(f)) {
            throw c.unreadable("a column constraint (NOT NULL, NULL, DEFAULT, CHECK, UNIQUE, PRIMARY KEY, "
                    + "REFERENCES, GENERATED, COLLATE)");
        }
    }

    private void generated(ColumnFacts f) {
        if (c.accept("ALWAYS", "AS", "IDENTITY") || c.accept("BY", "DEFAULT", "AS", "IDENTITY")) {
            f.identity = true;
            f.notNull = true;
            if (c.is("(")) {
                c.group("sequence options");
            }
            return;
        }
        c.expect("ALWAYS", "AS");
        f.generatedExpr = Optional.of(c.group("the generation expression in parentheses"));
        f.generation = c.accept("VIRTUAL") ? Ddl.Generation.VIRTUAL : Ddl.Generation.STORED;
        c.accept("STORED");
    }

    /** DEFERRABLE, NOT DEFERRABLE, INITIALLY ..., [NOT] ENFORCED; whether one was read. */
    private boolean deferral(ColumnFacts f) {
        if (c.accept("DEFERRABLE")) {
            f.deferrable = true;
            return true;
        }
        return c.accept("NOT", "DEFERRABLE") || c.accept("INITIALLY", "DEFERRED") || c.accept("INITIALLY", "IMMEDIATE")
                || c.accept("ENFORCED") || c.accept("NOT", "ENFORCED");
    }

    private void nullsDistinct() {
        if (c.accept("NULLS")) {
            c.accept("NOT");
            c.expect("DISTINCT");
        }
    }

    /** INCLUDE (...), WITH (...), USING INDEX TABLESPACE name. */
    private void indexParameters() {
        while (true) {
            if (c.accept("INCLUDE")) {
                c.group("included columns");
            } else if (c.is("WITH", "(")) {
                c.accept("WITH");
                c.group("storage parameters");
            } else if (c.accept("USING", "INDEX", "TABLESPACE")) {
                c.name("a tablespace");
            } else {
                return;
            }
        }
    }

    /** MATCH ..., ON DELETE ..., ON UPDATE .... */
    private void referentialActions() {
        while (true) {
            if (c.accept("MATCH")) {
                c.acceptAny("FULL", "PARTIAL", "SIMPLE").orElseThrow(() -> c.unreadable("FULL, PARTIAL or SIMPLE"));
            } else if (c.accept("ON", "DELETE") || c.accept("ON", "UPDATE")) {
                String action = c.acceptAny("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT")
                        .orElseThrow(() -> c.unreadable("NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT"));
                if (action.startsWith("SET") && c.is("(")) {
                    c.nameList("a column");
                }
            } else {
                return;
            }
        }
    }

    /**
     * Reads a table constraint ({@code [CONSTRAINT name] CHECK / UNIQUE / PRIMARY KEY / EXCLUDE / FOREIGN KEY}) with
     * its deferral and {@code NOT VALID}.
     */
    Ddl.ConstraintSpec tableConstraint() {
        Optional<String> name = c.accept("CONSTRAINT") ? Optional.of(c.name("a constraint name")) : Optional.empty();
        Body b = body();
        ColumnFacts f = new ColumnFacts();
        boolean notValid = false;
        while (true) {
            if (c.accept("NOT", "VALID")) {
                notValid = true;
            } else if (!c.accept("NO", "INHERIT") && !deferral(f)) {
                break;
            }
        }
        return new Ddl.ConstraintSpec(b.kind, name, b.columns, b.refTable, b.refColumns, b.usingIndex, b.expression,
                notValid, f.deferrable);
    }

    /** What a table constraint's body says. */
    private static final class Body {
        Ddl.ConstraintKind kind;
        List<String> columns = List.of();
        Optional<Ddl.Name> refTable = Optional.empty();
        List<String> refColumns = List.of();
        Optional<String> usingIndex = Optional.empty();
        Optional<String> expression = Optional.empty();
    }

    /** CHECK (...), UNIQUE / PRIMARY KEY (...), EXCLUDE ..., NOT NULL col (PostgreSQL 18), FOREIGN KEY ... */
    private Body body() {
        Body b = new Body();
        if (c.accept("CHECK")) {
            b.kind = Ddl.ConstraintKind.CHECK;
            b.expression = Optional.of(c.group("a check expression in parentheses"));
        } else if (c.is("UNIQUE") || c.is("PRIMARY", "KEY")) {
            b.kind = c.accept("UNIQUE") ? Ddl.ConstraintKind.UNIQUE : Ddl.ConstraintKind.PRIMARY_KEY;
            c.accept("PRIMARY", "KEY");
            nullsDistinct();
            if (c.accept("USING", "INDEX")) {
                b.usingIndex = Optional.of(c.name("an index name"));
            } else {
                b.columns = keyColumns();
                indexParameters();
            }
        } else if (c.accept("EXCLUDE")) {
            b.kind = Ddl.ConstraintKind.EXCLUDE;
            if (c.accept("USING")) {
                c.rawName("an index method");
            }
            c.group("exclusion elements");
            indexParameters();
            if (c.accept("WHERE")) {
                c.group("a predicate in parentheses");
            }
        } else if (c.accept("NOT", "NULL")) {
            // PostgreSQL 18: a named NOT NULL constraint, which like a check can be NOT VALID and validated later
            b.kind = Ddl.ConstraintKind.CHECK;
            String column = c.name("a column name");
            b.columns = List.of(column);
            b.expression = Optional.of(column + " IS NOT NULL");
        } else if (c.accept("FOREIGN", "KEY")) {
            b.kind = Ddl.ConstraintKind.FOREIGN_KEY;
            b.columns = keyColumns();
            c.expect("REFERENCES");
            b.refTable = Optional.of(c.qualifiedName("the referenced table"));
            if (c.is("(")) {
                b.refColumns = keyColumns();
            }
            referentialActions();
        } else {
            throw c.unreadable("CHECK, UNIQUE, PRIMARY KEY, EXCLUDE, FOREIGN KEY or NOT NULL");
        }
        return b;
    }

    /** {@code (a, b)}, allowing PostgreSQL 17's {@code WITHOUT OVERLAPS} and {@code PERIOD}. */
    private List<String> keyColumns() {
        c.expect("(");
        List<String> names = new ArrayList<>();
        do {
            c.accept("PERIOD");
            names.add(c.name("a column name"));
            c.accept("WITHOUT", "OVERLAPS");
        } while (c.accept(","));
        c.expect(")");
        return names;
    }
}
