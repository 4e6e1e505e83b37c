package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Reads one statement into a {@link Ddl}. PostgreSQL statements are read by {@link PgStatementReader} from core's
 * SQL tokens, clause by clause, so that every command is classified and a misspelt clause is a syntax error.
 * MariaDB statements are parsed with JSqlParser; before it runs, a few clauses JSqlParser 5.3 does not know are
 * lifted out of the token stream and remembered ({@code DROP FOREIGN KEY}, {@code ALGORITHM=}/{@code LOCK=} on CREATE
 * INDEX, ...); what it cannot parse is classified by its leading keywords: a command no rule looks into becomes
 * {@link Ddl.Other}, a word that starts no MariaDB statement a {@link Ddl.SyntaxError}, and a DDL statement rules
 * concern {@link Ddl.NotAnalysed}. {@code SET} and transaction control are read from the tokens on both. This class
 * never throws for bad SQL. Stateless and thread-safe.
 */
public final class StatementParser {

    private static final int MAX_PARSED_LENGTH = 200_000;
    private static final Set<String> DATA_VERBS = Set.of("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE", "COPY",
            "REPLACE", "UPSERT", "LOAD");

    private static final PgStatementReader POSTGRES = new PgStatementReader();

    private final boolean mariaDb;

    /** A parser for scripts written for MariaDB ({@code true}) or PostgreSQL. */
    public StatementParser(boolean mariaDb) {
        this.mariaDb = mariaDb;
    }

    /** Facts lifted out of the tokens before JSqlParser sees them. */
    static final class Lifted {
        boolean concurrently;
        boolean notValid;
        boolean partial;
        Optional<String> usingIndex = Optional.empty();
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        final List<String> droppedForeignKeys = new ArrayList<>();
    }

    /** What the statement does; never null, never throws for bad SQL. */
    public Ddl parse(ScriptStatement statement) {
        return parse(statement, statement.tokens(mariaDb));
    }

    /** What the statement does, from its tokens as {@link ScriptStatement#tokens(boolean)} gives them. */
    public Ddl parse(ScriptStatement statement, List<SqlToken> tokens) {
        if (tokens.isEmpty()) {
            return new Ddl.Other("");
        }
        if (!mariaDb) {
            return POSTGRES.read(tokens, statement.sql());
        }
        String first = upper(tokens.get(0));
        if (first.equals("SET")) {
            return setting(tokens);
        }
        if (isTransactionControl(tokens)) {
            return new Ddl.TransactionControl(first.equals("BEGIN") || first.equals("START"));
        }
        if (statement.sql().length() > MAX_PARSED_LENGTH) {
            return new Ddl.NotAnalysed("statement is longer than " + MAX_PARSED_LENGTH + " characters");
        }
        Lifted lifted = new Lifted();
        String text = lift(statement.sql(), tokens, lifted);
        Statement parsed;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(text);
            parsed = parser.Statement();
        } catch (Exception | StackOverflowError e) {
            // ParseException, TokenMgrException, or a grammar too deep for the stack: all mean "cannot parse"
            if (DATA_VERBS.contains(first)) {
                return Ddl.DataChange.of(first, Optional.empty());
            }
            return MariaDbCommands.classify(tokens, statement.sql());
        }
        try {
            return new AstConverter(mariaDb, lifted).convert(parsed, first);
        } catch (RuntimeException e) {
            // JSqlParser's tree has gaps (null lists on some forms): treat them like a parse failure, never crash
            return new Ddl.NotAnalysed("JSqlParser's tree for this " + first + " statement is incomplete ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean isTransactionControl(List<SqlToken> tokens) {
        String first = upper(tokens.get(0));
        if (tokens.size() > 2 && first.equals("BEGIN")) {
            return false; // MariaDB BEGIN NOT ATOMIC ... END compound statement
        }
        return first.equals("BEGIN") || first.equals("COMMIT") || first.equals("ROLLBACK") && tokens.size() <= 2
                || first.equals("START") && tokens.size() > 1 && tokens.get(1).is("TRANSACTION")
                || first.equals("END") && tokens.size() <= 2;
    }

    /** {@code SET ...}: the names of the settings it sets. */
    static Ddl setting(List<SqlToken> tokens) {
        List<String> names = new ArrayList<>();
        boolean local = false;
        boolean expectName = true;
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.is(",")) {
                expectName = true;
            } else if (expectName && t.kind() == SqlTokenKind.WORD) {
                String word = t.text().toLowerCase(Locale.ROOT);
                if (word.equals("local")) {
                    local = true;
                } else if (!word.equals("session") && !word.equals("global")) {
                    names.add(word.replaceFirst("^@@(session\\.|local\\.)?", ""));
                    expectName = false;
                }
            } else if (expectName && t.is("@")) {
                continue;
            }
        }
        return new Ddl.SetSetting(names, local);
    }

    /** Rebuilds the statement text without the clauses JSqlParser cannot read, remembering them. */
    private String lift(String sql, List<SqlToken> tokens, Lifted lifted) {
        Rebuilt out = new Rebuilt(sql);
        boolean createIndex = startsWith(tokens, "CREATE", "INDEX") || startsWith(tokens, "CREATE", "UNIQUE", "INDEX");
        boolean dropIndex = startsWith(tokens, "DROP", "INDEX");
        boolean alterTable = startsWith(tokens, "ALTER", "TABLE");
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            }
            if ((createIndex || dropIndex) && t.is("CONCURRENTLY") && i > 0 && tokens.get(i - 1).is("INDEX")) {
                lifted.concurrently = true;
                out.skip(t);
                continue;
            }
            if (createIndex && depth == 0 && t.is("WHERE")) {
                lifted.partial = true;
                out.skip(tokens.get(tokens.size() - 1));
                break;
            }
            int consumed = createIndex && depth == 0 ? indexOption(tokens, i, lifted, out)
                    : alterTable ? alterClause(tokens, i, depth, lifted, out) : -1;
            if (consumed >= 0) {
                i = consumed;
                continue;
            }
            out.keep(t);
        }
        return out.toString();
    }

    /** MariaDB's {@code ALGORITHM [=] x} / {@code LOCK [=] y} after CREATE INDEX: the last token used, or -1. */
    private static int indexOption(List<SqlToken> tokens, int i, Lifted lifted, Rebuilt out) {
        SqlToken t = tokens.get(i);
        if (!(t.is("ALGORITHM") || t.is("LOCK")) || i <= 3) {
            return -1;
        }
        int valueAt = i + 1 < tokens.size() && tokens.get(i + 1).is("=") ? i + 2 : i + 1;
        if (valueAt >= tokens.size()) {
            return -1;
        }
        String value = upper(tokens.get(valueAt));
        if (t.is("ALGORITHM")) {
            lifted.algorithm = Optional.of(value);
        } else {
            lifted.lock = Optional.of(value);
        }
        out.skip(tokens.get(valueAt));
        return valueAt;
    }

    /** ALTER TABLE clauses JSqlParser lacks; returns the last token used, or -1 when {@code i} starts none. */
    private int alterClause(List<SqlToken> tokens, int i, int depth, Lifted lifted, Rebuilt out) {
        SqlToken t = tokens.get(i);
        SqlToken next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (next == null) {
            return -1;
        }
        if (depth == 0 && t.is("NOT") && next.is("VALID")) {
            lifted.notValid = true;
            out.skip(next);
            return i + 1;
        }
        if (t.is("SET") && next.is("DATA") && i + 2 < tokens.size() && tokens.get(i + 2).is("TYPE")) {
            out.skip(next);
            return i + 1;
        }
        if (t.is("DROP") && next.is("FOREIGN") && i + 3 < tokens.size() && tokens.get(i + 2).is("KEY")) {
            lifted.droppedForeignKeys.add(AstConverter.unquote(tokens.get(i + 3).text(), mariaDb));
            out.replace(tokens.get(i + 2), "DROP CONSTRAINT");
            return i + 2;
        }
        if (t.is("USING") && next.is("INDEX") && i + 2 < tokens.size()) {
            String index = tokens.get(i + 2).text();
            lifted.usingIndex = Optional.of(AstConverter.unquote(index, mariaDb));
            // keep a column list in its place so the constraint still parses; the converter drops it again
            out.replace(tokens.get(i + 2), "(" + index + ")");
            return i + 2;
        }
        return -1;
    }

    /** The statement text rebuilt from the original with some token ranges left out or replaced. */
    private static final class Rebuilt {
        private final String sql;
        private final StringBuilder text = new StringBuilder();
        private int copiedTo;

        Rebuilt(String sql) {
            this.sql = sql;
        }

        /** Copies everything up to and including the token. */
        void keep(SqlToken t) {
            text.append(sql, copiedTo, t.end());
            copiedTo = t.end();
        }

        /** Leaves out everything from the last kept token up to and including this one. */
        void skip(SqlToken t) {
            text.append(' ');
            copiedTo = t.end();
        }

        /** Replaces everything from the last kept token up to and including this one. */
        void replace(SqlToken t, String replacement) {
            text.append(' ').append(replacement);
            copiedTo = t.end();
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Upper-case text, for keyword comparisons. */
    private static String upper(SqlToken t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    private static boolean startsWith(List<SqlToken> tokens, String... words) {
        if (tokens.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(i).is(words[i])) {
                return false;
            }
        }
        return true;
    }
}
