package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads PostgreSQL's data-changing statements far enough for the rules and the undo generator: the tables they
 * change, TRUNCATE's CASCADE, and the columns an UPDATE's SET or an INSERT's column list names. The cursor stands
 * after the statement's first word. Stateless.
 */
final class PgDataChanges {

    private static final List<String> MAIN_VERBS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES",
            "TABLE");
    private static final Set<String> SET_STOPS = Set.of("FROM", "WHERE", "RETURNING");

    private PgDataChanges() {
    }

    static Ddl deleteOrMerge(String verb, TokenCursor c) {
        c.expect(verb.equals("DELETE") ? "FROM" : "INTO");
        c.accept("ONLY");
        Ddl.Name table = c.qualifiedName("a table name");
        c.skipRest();
        return Ddl.DataChange.of(verb, Optional.of(table));
    }

    static Ddl truncate(TokenCursor c) {
        c.accept("TABLE");
        List<Ddl.Name> tables = new ArrayList<>();
        do {
            c.accept("ONLY");
            tables.add(c.qualifiedName("a table name"));
            c.accept("*");
        } while (c.accept(","));
        c.acceptAny("RESTART IDENTITY", "CONTINUE IDENTITY");
        boolean cascade = c.acceptAny("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
        c.expectEnd();
        Optional<Ddl.Name> restorable = tables.size() == 1 && !cascade ? Optional.of(tables.get(0)) : Optional.empty();
        return new Ddl.DataChange("TRUNCATE", restorable, tables, cascade, List.of());
    }

    static Ddl update(TokenCursor c) {
        c.accept("ONLY");
        Ddl.Name table = c.qualifiedName("a table name");
        c.accept("*");
        if (c.accept("FOR", "PORTION", "OF")) {
            while (!c.atEnd() && !c.is("SET")) {
                c.next("SET");
            }
        } else if (c.accept("AS") || c.atName() && !c.is("SET")) {
            c.name("an alias");
        }
        c.expect("SET");
        List<String> assigned = new ArrayList<>();
        do {
            if (c.is("(")) {
                c.expect("(");
                do {
                    assigned.add(assignmentTarget(c));
                } while (c.accept(","));
                c.expect(")");
            } else {
                assigned.add(assignmentTarget(c));
            }
            c.expect("=");
            c.expression("a value", SET_STOPS);
        } while (c.accept(","));
        c.skipRest();
        return new Ddl.DataChange("UPDATE", Optional.of(table), List.of(table), false, assigned);
    }

    /** A column assigned to; a subscript or field assignment ({@code a[1]}, {@code a.f}) is marked with {@code []}. */
    private static String assignmentTarget(TokenCursor c) {
        String column = c.name("a column name");
        boolean partial = false;
        while (c.is("[") || c.is(".")) {
            partial = true;
            if (c.is("[")) {
                c.group("a subscript");
            } else {
                c.next(".");
                c.rawName("a field name");
            }
        }
        return partial ? column + "[]" : column;
    }

    static Ddl insert(TokenCursor c) {
        c.expect("INTO");
        Ddl.Name table = c.qualifiedName("a table name");
        if (c.accept("AS")) {
            c.name("an alias");
        }
        List<String> assigned = new ArrayList<>();
        if (c.is("(") && !(c.peek(1) != null && (c.peek(1).is("SELECT") || c.peek(1).is("WITH")
                || c.peek(1).is("VALUES")))) {
            c.expect("(");
            do {
                assigned.add(assignmentTarget(c));
            } while (c.accept(","));
            c.expect(")");
        }
        c.skipRest();
        return new Ddl.DataChange("INSERT", Optional.of(table), List.of(table), false, assigned);
    }

    static Ddl copy(TokenCursor c) {
        if (c.is("(")) {
            c.skipRest();
            return new Ddl.Other("COPY");
        }
        c.accept("BINARY");
        Ddl.Name table = c.qualifiedName("a table name");
        if (c.is("(")) {
            c.group("column names");
        }
        boolean into = c.accept("FROM");
        if (!into) {
            c.expect("TO");
        }
        c.skipRest();
        return into ? Ddl.DataChange.of("COPY", Optional.of(table)) : new Ddl.Other("COPY");
    }

    /** {@code WITH ... } ending in SELECT, INSERT, UPDATE, DELETE or MERGE: the verb after the last CTE. */
    static Ddl with(TokenCursor c) {
        c.accept("RECURSIVE");
        do {
            c.name("a CTE name");
            if (c.is("(")) {
                c.group("column names");
            }
            c.expect("AS");
            c.accept("NOT");
            c.accept("MATERIALIZED");
            c.group("the CTE query in parentheses");
            if (c.acceptAny("SEARCH", "CYCLE").isPresent()) {
                while (!c.atEnd() && MAIN_VERBS.stream().noneMatch(c::is)) {
                    c.next("a clause");
                }
                break;
            }
        } while (c.accept(","));
        String verb = c.acceptAny(MAIN_VERBS.toArray(String[]::new))
                .orElseThrow(() -> c.unreadable("SELECT, INSERT, UPDATE, DELETE or MERGE after the WITH clause"));
        c.skipRest();
        return switch (verb) {
            case "INSERT", "UPDATE", "DELETE", "MERGE" -> Ddl.DataChange.of(verb, Optional.empty());
            default -> new Ddl.Other("SELECT");
        };
    }
}
