package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one PostgreSQL statement from core's SQL tokens into a {@link Ddl}, without JSqlParser: every command of
 * PostgreSQL's grammar is classified by its leading keywords, and the ones the lint rules and the undo generator
 * look into (CREATE/ALTER/DROP of tables, indexes, views, sequences, types and domains; REINDEX, VACUUM, CLUSTER,
 * LOCK, TRUNCATE, UPDATE, INSERT, transaction control, SET) are read clause by clause, so that a misspelt clause is
 * a {@link Ddl.SyntaxError} rather than a silently different statement. Stateless and thread-safe.
 */
final class PgStatementReader {

    /** Commands read by their kind only: their first word, and what they are called. */
    private static final Map<String, String> COMMANDS = Map.ofEntries(Map.entry("ANALYZE", "ANALYZE"),
            Map.entry("ANALYSE", "ANALYZE"), Map.entry("CALL", "CALL"), Map.entry("CHECKPOINT", "CHECKPOINT"),
            Map.entry("CLOSE", "CLOSE"), Map.entry("COMMENT", "COMMENT"), Map.entry("DEALLOCATE", "DEALLOCATE"),
            Map.entry("DECLARE", "DECLARE"), Map.entry("DISCARD", "DISCARD"), Map.entry("DO", "DO"),
            Map.entry("EXECUTE", "EXECUTE"), Map.entry("EXPLAIN", "EXPLAIN"), Map.entry("FETCH", "FETCH"),
            Map.entry("GRANT", "GRANT"), Map.entry("IMPORT", "IMPORT FOREIGN SCHEMA"), Map.entry("LISTEN", "LISTEN"),
            Map.entry("LOAD", "LOAD"), Map.entry("MOVE", "MOVE"), Map.entry("NOTIFY", "NOTIFY"),
            Map.entry("PREPARE", "PREPARE"), Map.entry("REASSIGN", "REASSIGN OWNED"), Map.entry("RELEASE", "RELEASE"),
            Map.entry("RESET", "RESET"), Map.entry("REVOKE", "REVOKE"), Map.entry("SAVEPOINT", "SAVEPOINT"),
            Map.entry("SECURITY", "SECURITY LABEL"), Map.entry("SELECT", "SELECT"), Map.entry("SHOW", "SHOW"),
            Map.entry("TABLE", "SELECT"), Map.entry("UNLISTEN", "UNLISTEN"), Map.entry("VALUES", "SELECT"),
            Map.entry("REPACK", "REPACK"));
    private static final List<String> LOCK_MODES = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
            "SHARE UPDATE EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE", "ACCESS EXCLUSIVE", "EXCLUSIVE");

    /** Reads the statement the tokens make up. Never throws for bad SQL: that is a {@link Ddl.SyntaxError}. */
    Ddl read(List<SqlToken> tokens, String sql) {
        TokenCursor c = new TokenCursor(tokens, sql, false);
        try {
            return statement(c);
        } catch (TokenCursor.Unreadable e) {
            return new Ddl.SyntaxError(e.getMessage(), e.offset());
        }
    }

    private Ddl statement(TokenCursor c) {
        SqlToken first = c.peek();
        if (first.is("(")) {
            c.skipRest();
            return new Ddl.Other("SELECT");
        }
        if (first.kind() != SqlTokenKind.WORD) {
            throw new TokenCursor.Unreadable("a statement cannot start with '" + first.text() + "'", first.start());
        }
        String head = first.text().toUpperCase(Locale.ROOT);
        c.next("a statement");
        return switch (head) {
            case "CREATE" -> new PgCreate(c).read();
            case "ALTER" -> alter(c);
            case "DROP" -> drop(c);
            case "SET" -> StatementParser.setting(tokens(c));
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT" -> transaction(head, c);
            case "REINDEX" -> reindex(c);
            case "VACUUM" -> vacuum(c);
            case "CLUSTER" -> cluster(c);
            case "LOCK" -> lock(c);
            case "TRUNCATE" -> PgDataChanges.truncate(c);
            case "UPDATE" -> PgDataChanges.update(c);
            case "INSERT" -> PgDataChanges.insert(c);
            case "DELETE", "MERGE" -> PgDataChanges.deleteOrMerge(head, c);
            case "COPY" -> PgDataChanges.copy(c);
            case "REFRESH" -> {
                c.expect("MATERIALIZED", "VIEW");
                boolean concurrently = c.accept("CONCURRENTLY");
                Ddl.Name view = c.qualifiedName("a materialized view name");
                c.skipRest();
                yield new Ddl.Refresh(view, concurrently);
            }
            case "WITH" -> PgDataChanges.with(c);
            default -> {
                String kind = COMMANDS.get(head);
                if (kind == null) {
                    throw new TokenCursor.Unreadable("'" + first.text() + "' does not start a PostgreSQL statement",
                            first.start());
                }
                c.skipRest();
                yield new Ddl.Other(kind);
            }
        };
    }

    private static List<SqlToken> tokens(TokenCursor c) {
        List<SqlToken> all = new ArrayList<>();
        c.reset(0);
        while (!c.atEnd()) {
            all.add(c.next("a token"));
        }
        return all;
    }

    private Ddl alter(TokenCursor c) {
        if (c.is("TABLE", "ALL")) {
            c.skipRest();
            return new Ddl.Other("ALTER TABLE");
        }
        if (c.accept("TABLE")) {
            return new PgAlterTable(c).read();
        }
        String kind = PgCreate.objectKind(c, "an object type after ALTER (TABLE, INDEX, TYPE, DOMAIN, ...)");
        if (kind.equals("TYPE")) {
            return alterType(c);
        }
        if (kind.equals("DOMAIN")) {
            return alterDomain(c);
        }
        if (kind.equals("SCHEMA")) {
            String from = c.name("a schema name");
            if (c.accept("RENAME", "TO")) {
                String to = c.name("the new schema name");
                c.expectEnd();
                return new Ddl.RenameSchema(from, to);
            }
        }
        c.skipRest();
        return new Ddl.Other("ALTER " + kind);
    }

    private Ddl alterType(TokenCursor c) {
        Ddl.Name type = c.qualifiedName("a type name");
        if (c.accept("ADD", "VALUE")) {
            boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
            String value = c.string("the new enum value in quotes");
            Optional<String> position = Optional.empty();
            Optional<String> where = c.acceptAny("BEFORE", "AFTER");
            if (where.isPresent()) {
                position = Optional.of(where.get() + " '" + c.string("an existing enum value in quotes") + "'");
            }
            c.expectEnd();
            return new Ddl.AlterType(type, "ADD VALUE", Optional.of(value), position, Optional.empty(), ifNotExists);
        }
        if (c.accept("RENAME", "VALUE")) {
            String from = c.string("the enum value in quotes");
            c.expect("TO");
            String to = c.string("the new enum value in quotes");
            c.expectEnd();
            return new Ddl.AlterType(type, "RENAME VALUE", Optional.of(from), Optional.empty(), Optional.of(to), false);
        }
        String op = c.acceptAny("RENAME TO", "RENAME ATTRIBUTE", "OWNER TO", "SET SCHEMA", "ADD ATTRIBUTE",
                "DROP ATTRIBUTE", "ALTER ATTRIBUTE", "SET").orElseThrow(() -> c.unreadable(
                "ADD VALUE, RENAME VALUE, RENAME TO, OWNER TO, SET SCHEMA or an attribute action"));
        c.skipRest();
        return new Ddl.AlterType(type, op, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    private Ddl alterDomain(TokenCursor c) {
        Ddl.Name domain = c.qualifiedName("a domain name");
        if (c.accept("ADD")) {
            if (c.accept("CONSTRAINT")) {
                c.name("a constraint name");
            }
            if (!c.accept("NOT", "NULL")) {
                c.expect("CHECK");
                c.group("a check expression in parentheses");
            }
            c.acceptAny("NOT ENFORCED", "ENFORCED");
            boolean notValid = c.accept("NOT", "VALID");
            c.expectEnd();
            return new Ddl.AlterDomain(domain, "ADD CONSTRAINT", notValid);
        }
        String op = c.acceptAny("SET DEFAULT", "DROP DEFAULT", "SET NOT NULL", "DROP NOT NULL", "DROP CONSTRAINT",
                "RENAME CONSTRAINT", "VALIDATE CONSTRAINT", "OWNER TO", "RENAME TO", "SET SCHEMA").orElseThrow(
                () -> c.unreadable("ADD, SET/DROP DEFAULT, SET/DROP NOT NULL, DROP/RENAME/VALIDATE CONSTRAINT, "
                        + "OWNER TO, RENAME TO or SET SCHEMA"));
        c.skipRest();
        return new Ddl.AlterDomain(domain, op, false);
    }

    private Ddl drop(TokenCursor c) {
        String type = PgCreate.objectKind(c, "an object type after DROP (TABLE, INDEX, VIEW, TYPE, ...)");
        Ddl.ObjectKind kind = switch (type) {
            case "TABLE" -> Ddl.ObjectKind.TABLE;
            case "INDEX" -> Ddl.ObjectKind.INDEX;
            case "VIEW" -> Ddl.ObjectKind.VIEW;
            case "MATERIALIZED VIEW" -> Ddl.ObjectKind.MATERIALIZED_VIEW;
            case "SEQUENCE" -> Ddl.ObjectKind.SEQUENCE;
            case "TYPE" -> Ddl.ObjectKind.TYPE;
            case "DOMAIN" -> Ddl.ObjectKind.DOMAIN;
            case "SCHEMA" -> Ddl.ObjectKind.SCHEMA;
            case "DATABASE" -> Ddl.ObjectKind.DATABASE;
            case "TRIGGER" -> Ddl.ObjectKind.TRIGGER;
            default -> Ddl.ObjectKind.OTHER;
        };
        if (Set.of("OWNED", "CAST", "TRANSFORM", "USER MAPPING", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY",
                "AGGREGATE").contains(type)) {
            c.skipRest();
            return new Ddl.Other("DROP " + type);
        }
        boolean concurrently = kind == Ddl.ObjectKind.INDEX && c.accept("CONCURRENTLY");
        boolean ifExists = c.accept("IF", "EXISTS");
        List<Ddl.Name> names = new ArrayList<>();
        do {
            names.add(c.qualifiedName("the name of the " + type.toLowerCase(Locale.ROOT) + " to drop"));
            if (c.is("(")) {
                c.group("an argument list");
            }
        } while (c.accept(","));
        Optional<Ddl.Name> onTable = c.accept("ON") ? Optional.of(c.qualifiedName("a table name")) : Optional.empty();
        boolean cascade = c.acceptAny("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
        if (kind == Ddl.ObjectKind.DATABASE) {
            c.accept("WITH");
            if (c.is("(")) {
                c.group("drop options");
            }
        }
        c.expectEnd();
        return new Ddl.Drop(kind, names.get(0), ifExists, concurrently, onTable, names, cascade, type);
    }

    private Ddl transaction(String head, TokenCursor c) {
        if (head.equals("ROLLBACK") && c.is("TO") || (head.equals("ROLLBACK") || head.equals("COMMIT"))
                && c.is("PREPARED")) {
            String kind = head + (c.is("TO") ? " TO SAVEPOINT" : " PREPARED");
            c.skipRest();
            return new Ddl.Other(kind);
        }
        if (head.equals("START")) {
            c.expect("TRANSACTION");
        } else {
            c.acceptAny("WORK", "TRANSACTION");
        }
        c.skipRest();
        return new Ddl.TransactionControl(head.equals("BEGIN") || head.equals("START"));
    }

    private Ddl reindex(TokenCursor c) {
        boolean concurrently = false;
        if (c.is("(")) {
            concurrently = c.group("REINDEX options").toUpperCase(Locale.ROOT).matches(
                    "(?s).*\\bCONCURRENTLY\\b(?!\\s*(FALSE|OFF|0)\\b).*");
        }
        String target = c.acceptAny("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM")
                .orElseThrow(() -> c.unreadable("INDEX, TABLE, SCHEMA, DATABASE or SYSTEM"));
        concurrently |= c.accept("CONCURRENTLY");
        Optional<Ddl.Name> name = c.atEnd() ? Optional.empty() : Optional.of(c.qualifiedName("a name"));
        c.expectEnd();
        return new Ddl.Reindex(target, name, concurrently);
    }

    private Ddl vacuum(TokenCursor c) {
        boolean full = false;
        while (true) {
            Optional<String> option = c.acceptAny("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE");
            if (option.isPresent()) {
                full |= option.get().equals("FULL");
            } else if (c.is("(")) {
                full |= c.group("VACUUM options").toUpperCase(Locale.ROOT).matches(
                        "(?s)(.*,)?\\s*FULL\\b(?!\\s*(FALSE|OFF|0)\\b).*");
            } else {
                break;
            }
        }
        return new Ddl.Vacuum(full, tableList(c));
    }

    /** {@code table [(columns)] [, ...]} to the end of the statement. */
    private static List<Ddl.Name> tableList(TokenCursor c) {
        List<Ddl.Name> tables = new ArrayList<>();
        while (!c.atEnd()) {
            c.accept("ONLY");
            tables.add(c.qualifiedName("a table name"));
            c.accept("*");
            if (c.is("(")) {
                c.group("column names");
            }
            if (!c.accept(",")) {
                c.expectEnd();
            }
        }
        return tables;
    }

    private Ddl cluster(TokenCursor c) {
        if (c.is("(")) {
            c.group("CLUSTER options");
        }
        c.accept("VERBOSE");
        if (c.atEnd()) {
            return new Ddl.Cluster(Optional.empty(), Optional.empty());
        }
        Ddl.Name first = c.qualifiedName("a table or index name");
        if (c.accept("ON")) {
            Ddl.Name table = c.qualifiedName("a table name");
            c.expectEnd();
            return new Ddl.Cluster(Optional.of(table), Optional.of(first.name()));
        }
        Optional<String> index = c.accept("USING") ? Optional.of(c.name("an index name")) : Optional.empty();
        c.expectEnd();
        return new Ddl.Cluster(Optional.of(first), index);
    }

    private Ddl lock(TokenCursor c) {
        c.accept("TABLE");
        List<Ddl.Name> tables = new ArrayList<>();
        do {
            c.accept("ONLY");
            tables.add(c.qualifiedName("a table name"));
            c.accept("*");
        } while (c.accept(","));
        String mode = "ACCESS EXCLUSIVE";
        if (c.accept("IN")) {
            mode = c.acceptAny(LOCK_MODES.toArray(String[]::new)).orElseThrow(() -> c.unreadable("a lock mode"));
            c.expect("MODE");
        }
        c.accept("NOWAIT");
        c.expectEnd();
        return new Ddl.Lock(tables, mode);
    }
}
