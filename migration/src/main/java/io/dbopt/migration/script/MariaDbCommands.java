package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies a MariaDB statement JSqlParser could not parse by its leading keywords: a command no lint rule looks
 * into (a procedure, an event, a GRANT...) is {@link Ddl.Other}; a word that starts no MariaDB statement is a
 * {@link Ddl.SyntaxError}; a table, index or view statement the rules concern stays {@link Ddl.NotAnalysed}.
 */
final class MariaDbCommands {

    /** Every word a MariaDB statement (or client command Flyway accepts) can start with. */
    private static final Set<String> HEADS = Set.of("ALTER", "ANALYZE", "BACKUP", "BEGIN", "BINLOG", "CACHE", "CALL",
            "CHANGE", "CHECK", "CHECKSUM", "COMMIT", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DESC", "DESCRIBE",
            "DO", "DROP", "EXECUTE", "EXPLAIN", "FLUSH", "GET", "GRANT", "HANDLER", "HELP", "IF", "INSERT", "INSTALL",
            "KILL", "LOAD", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR", "REPLACE", "RESET",
            "RESIGNAL", "REVOKE", "ROLLBACK", "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN", "SIGNAL", "START",
            "STOP", "TABLE", "TRUNCATE", "UNINSTALL", "UNLOCK", "UPDATE", "USE", "VALUES", "WITH", "XA", "(");
    /** Object kinds after CREATE / ALTER / DROP whose statements the rules look into. */
    private static final Set<String> ANALYSED_KINDS = Set.of("TABLE", "INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "VIEW",
            "SEQUENCE", "TEMPORARY", "OR", "ONLINE", "IGNORE");

    private MariaDbCommands() {
    }

    static Ddl classify(List<SqlToken> tokens, String sql) {
        SqlToken first = tokens.get(0);
        String head = first.text().toUpperCase(Locale.ROOT);
        if (first.kind() != SqlTokenKind.WORD && !first.is("(") || !HEADS.contains(head)) {
            return new Ddl.SyntaxError("'" + first.text() + "' does not start a MariaDB statement", first.start());
        }
        String second = tokens.size() > 1 ? tokens.get(1).text().toUpperCase(Locale.ROOT) : "";
        if (Set.of("CREATE", "ALTER", "DROP").contains(head) && ANALYSED_KINDS.contains(second)) {
            return new Ddl.NotAnalysed("JSqlParser cannot parse this " + head + " " + second + " statement");
        }
        if (Set.of("CREATE", "ALTER", "DROP").contains(head)) {
            return new Ddl.Other(head + " " + (second.equals("DEFINER") || second.equals("OR") ? "ROUTINE" : second));
        }
        return new Ddl.Other(head);
    }
}
