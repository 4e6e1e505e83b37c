package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads MariaDB's table statements — CREATE TABLE, ALTER TABLE, DROP TABLE, CREATE INDEX, DROP INDEX — clause by clause from
 * core's SQL tokens, after MariaDB's grammar: every ALTER TABLE specification (CHANGE, MODIFY, ALGORITHM=, LOCK=,
 * table and partition options...), column attributes in any order. A misspelt clause is a {@link Ddl.SyntaxError}.
 * The other MariaDB statements are left to JSqlParser. Stateless and thread-safe.
 */
final class MariaDbTableReader {

    private static final Set<String> INDEX_WORDS = Set.of("INDEX", "KEY");
    private static final List<String> TABLE_OPTIONS = List.of("ENGINE", "AUTO_INCREMENT", "AVG_ROW_LENGTH",
            "DEFAULT CHARACTER SET", "DEFAULT CHARSET", "CHARACTER SET", "CHARSET", "DEFAULT COLLATE", "COLLATE",
            "CHECKSUM", "PAGE_CHECKSUM", "COMMENT", "CONNECTION", "DATA DIRECTORY", "INDEX DIRECTORY", "DELAY_KEY_WRITE",
            "ENCRYPTED", "ENCRYPTION_KEY_ID", "IETF_QUOTES", "INSERT_METHOD", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS",
            "PACK_KEYS", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "PASSWORD", "ROW_FORMAT", "SEQUENCE",
            "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "TRANSACTIONAL", "UNION");
    private static final List<String> PARTITION_ACTIONS = List.of("ADD PARTITION", "DROP PARTITION",
            "COALESCE PARTITION", "REORGANIZE PARTITION", "ANALYZE PARTITION", "CHECK PARTITION", "OPTIMIZE PARTITION",
            "REBUILD PARTITION", "REPAIR PARTITION", "EXCHANGE PARTITION", "REMOVE PARTITIONING", "TRUNCATE PARTITION",
            "CONVERT PARTITION", "CONVERT TABLE", "PARTITION BY", "ADD SYSTEM VERSIONING", "DROP SYSTEM VERSIONING",
            "DISCARD TABLESPACE", "IMPORT TABLESPACE", "DISABLE KEYS", "ENABLE KEYS", "FORCE", "ORDER BY");

    /** Whether this reader reads the statement the tokens make up. */
    static boolean reads(List<SqlToken> tokens) {
        TokenCursor c = new TokenCursor(tokens, "", true);
        if (c.accept("ALTER")) {
            c.acceptAny("ONLINE", "IGNORE");
            return c.is("TABLE");
        }
        if (c.accept("DROP")) {
            return c.is("INDEX") || c.is("TABLE");
        }
        if (!c.accept("CREATE")) {
            return false;
        }
        c.accept("OR", "REPLACE");
        c.accept("TEMPORARY");
        c.acceptAny("UNIQUE", "FULLTEXT", "SPATIAL");
        return c.is("TABLE") || c.is("INDEX");
    }

    Ddl read(List<SqlToken> tokens, String sql) {
        TokenCursor c = new TokenCursor(tokens, sql, true);
        try {
            if (c.accept("ALTER")) {
                c.acceptAny("ONLINE", "IGNORE");
                c.expect("TABLE");
                return new MariaDbAlterTable(c).read();
            }
            if (c.accept("DROP", "INDEX")) {
                return dropIndex(c);
            }
            if (c.accept("DROP", "TABLE")) {
                return dropTable(c);
            }
            c.expect("CREATE");
            c.accept("OR", "REPLACE");
            boolean temporary = c.accept("TEMPORARY");
            Optional<String> kind = c.acceptAny("UNIQUE", "FULLTEXT", "SPATIAL");
            if (c.accept("INDEX")) {
                return createIndex(c, kind.filter("UNIQUE"::equals).isPresent());
            }
            c.expect("TABLE");
            return createTable(c, temporary);
        } catch (TokenCursor.Unreadable e) {
            return new Ddl.SyntaxError(e.getMessage(), e.offset());
        }
    }

    private static Ddl createTable(TokenCursor c, boolean temporary) {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Ddl.Name table = c.qualifiedName("a table name");
        List<Ddl.ColumnSpec> columns = new ArrayList<>();
        List<Ddl.ConstraintSpec> constraints = new ArrayList<>();
        List<Ddl.IndexSpec> indexes = new ArrayList<>();
        MariaDbColumns reader = new MariaDbColumns(c);
        if (c.accept("LIKE") || c.is("(", "LIKE")) {
            c.skipRest();
            return new Ddl.CreateTable(table, columns, constraints, indexes, ifNotExists, temporary, false, false,
                    Optional.empty());
        }
        if (c.is("(") && !c.is("(", "SELECT")) {
            c.expect("(");
            do {
                reader.element(columns, constraints, indexes);
            } while (c.accept(","));
            c.expect(")");
        }
        boolean asQuery = false;
        while (!c.atEnd()) {
            c.accept(",");
            if (c.acceptAny("AS", "SELECT", "IGNORE", "REPLACE").isPresent() || c.is("(", "SELECT")) {
                asQuery = true;
                c.skipRest();
            } else if (c.accept("PARTITION", "BY")) {
                c.skipRest();
            } else {
                tableOption(c);
            }
        }
        return new Ddl.CreateTable(table, columns, constraints, indexes, ifNotExists, temporary, false, asQuery,
                Optional.empty());
    }

    /** One table option, {@code ENGINE=InnoDB}, {@code DEFAULT CHARSET utf8mb4}, {@code COMMENT = 'x'}. */
    static void tableOption(TokenCursor c) {
        if (c.acceptAny(TABLE_OPTIONS.toArray(String[]::new)).isEmpty()) {
            throw c.unreadable("a table option (ENGINE=, DEFAULT CHARSET=, COLLATE=, COMMENT=, ROW_FORMAT=, ...)");
        }
        c.accept("=");
        if (c.is("(")) {
            c.group("option values");
        } else {
            c.next("an option value");
        }
    }

    /** Whether a table option starts at the cursor. */
    static boolean atTableOption(TokenCursor c) {
        return TABLE_OPTIONS.stream().anyMatch(o -> c.matchesPhrase(o) > 0);
    }

    /** Whether a partition action (or another clause read only by its name, e.g. FORCE) starts at the cursor. */
    static boolean atPartitionAction(TokenCursor c) {
        return PARTITION_ACTIONS.stream().anyMatch(o -> c.matchesPhrase(o) > 0);
    }

    /** Skips a partition action, table option-like clause or ORDER BY up to the next top-level comma. */
    static String partitionAction(TokenCursor c) {
        String action = c.acceptAny(PARTITION_ACTIONS.toArray(String[]::new)).orElseThrow();
        while (!c.atEnd() && !c.is(",")) {
            if (c.is("(")) {
                c.group("a parenthesised list");
            } else {
                c.next("a word");
            }
        }
        return action;
    }

    private static Ddl createIndex(TokenCursor c, boolean unique) {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        String name = c.name("an index name");
        if (c.accept("USING")) {
            c.rawName("an index type");
        }
        c.expect("ON");
        Ddl.Name table = c.qualifiedName("a table name");
        List<String> columns = MariaDbColumns.keyParts(c);
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        while (!c.atEnd()) {
            if (c.accept("ALGORITHM")) {
                c.accept("=");
                algorithm = Optional.of(c.rawName("an algorithm").toUpperCase(Locale.ROOT));
            } else if (c.accept("LOCK")) {
                c.accept("=");
                lock = Optional.of(c.rawName("a lock mode").toUpperCase(Locale.ROOT));
            } else {
                MariaDbColumns.indexOption(c);
            }
        }
        return new Ddl.CreateIndex(name, table, columns, unique, false, ifNotExists, false, algorithm, lock, true,
                "btree");
    }

    /** {@code DROP TABLE [IF EXISTS] t [, t2 ...] [WAIT n | NOWAIT] [RESTRICT | CASCADE]}. */
    private static Ddl dropTable(TokenCursor c) {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<Ddl.Name> names = new ArrayList<>();
        do {
            names.add(c.qualifiedName("the name of the table to drop"));
        } while (c.accept(","));
        if (c.accept("WAIT")) {
            c.next("a timeout in seconds");
        } else {
            c.accept("NOWAIT");
        }
        boolean cascade = c.acceptAny("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
        c.expectEnd();
        return new Ddl.Drop(Ddl.ObjectKind.TABLE, names.get(0), ifExists, false, Optional.empty(), names, cascade,
                "TABLE");
    }

    private static Ddl dropIndex(TokenCursor c) {
        boolean ifExists = c.accept("IF", "EXISTS");
        Ddl.Name index = c.qualifiedName("an index name");
        c.expect("ON");
        Ddl.Name table = c.qualifiedName("a table name");
        while (!c.atEnd()) {
            if (c.accept("ALGORITHM") || c.accept("LOCK") || c.accept("WAIT")) {
                c.accept("=");
                c.next("a value");
            } else if (!c.accept("NOWAIT")) {
                throw c.unreadable("ALGORITHM=, LOCK=, WAIT or NOWAIT");
            }
        }
        return new Ddl.Drop(Ddl.ObjectKind.INDEX, index, ifExists, false, Optional.of(table), List.of(), false,
                "INDEX");
    }

    /** Whether the word is INDEX or KEY. */
    static boolean isIndexWord(SqlToken t) {
        return t != null && INDEX_WORDS.contains(t.text().toUpperCase(Locale.ROOT));
    }
}
