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
 * MariaDB's table statements (CREATE/ALTER/DROP TABLE, CREATE/DROP INDEX) are read the same way by
 * {@link MariaDbTableReader}; its other statements are parsed with JSqlParser, and what JSqlParser cannot parse is
 * classified by its leading keywords: a command no rule looks into becomes {@link Ddl.Other}, a word that starts no
 * MariaDB statement a {@link Ddl.SyntaxError}, a table statement {@link Ddl.NotAnalysed}. {@code SET} and
 * transaction control are read from the tokens on both. This class never throws for bad SQL. Stateless and
 * thread-safe.
 */
public final class StatementParser {

    private static final int MAX_PARSED_LENGTH = 200_000;
    private static final Set<String> DATA_VERBS = Set.of("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE", "COPY",
            "REPLACE", "UPSERT", "LOAD");

    private static final PgStatementReader POSTGRES = new PgStatementReader();
    private static final MariaDbTableReader MARIADB = new MariaDbTableReader();

    private final boolean mariaDb;

    /** A parser for scripts written for MariaDB ({@code true}) or PostgreSQL. */
    public StatementParser(boolean mariaDb) {
        this.mariaDb = mariaDb;
    }

    /** A parser for scripts of a dialect. */
    public static StatementParser of(io.dbopt.core.Dialect dialect) {
        return new StatementParser(dialect.product() != io.dbopt.core.DatabaseProduct.POSTGRESQL);
    }

    /**
     * What each statement of a script does, in order: read once and handed to {@link ScriptAnalysis} and
     * {@link RollbackScriptGenerator}, so a migration's script is parsed a single time.
     */
    public List<Ddl> parseAll(SqlScript script) {
        List<Ddl> parsed = new ArrayList<>(script.statements().size());
        for (ScriptStatement s : script.statements()) {
            parsed.add(parse(s));
        }
        return List.copyOf(parsed);
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
        if (MariaDbTableReader.reads(tokens)) {
            return MARIADB.read(tokens, statement.sql());
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
        Statement parsed;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(statement.sql());
            parsed = parser.Statement();
        } catch (Exception | StackOverflowError e) {
            // ParseException, TokenMgrException, or a grammar too deep for the stack: all mean "cannot parse"
            if (DATA_VERBS.contains(first)) {
                return Ddl.DataChange.of(first, Optional.empty());
            }
            return MariaDbCommands.classify(tokens, statement.sql());
        }
        try {
            return new AstConverter().convert(parsed, first);
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

    /** Upper-case text, for keyword comparisons. */
    private static String upper(SqlToken t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
