package io.dbopt.migration.lint;

import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells whether a PostgreSQL column default is evaluated once (a constant, or only functions known to be IMMUTABLE
 * or STABLE) or per row. Any function not on PostgreSQL's list of non-volatile built-ins, and any function of
 * another schema, counts as volatile: {@code gen_my_id()} is volatile until proven otherwise. Stateless.
 */
final class Volatility {

    /** SQL value functions written without parentheses; all are STABLE. */
    private static final Set<String> VALUE_FUNCTIONS = Set.of("current_timestamp", "current_date", "current_time",
            "localtime", "localtimestamp", "current_user", "session_user", "user", "current_role", "current_schema",
            "current_catalog", "system_user");
    /** Words that may follow {@code ::} or {@code AS} in a type name. */
    private static final Set<String> TYPE_WORDS = Set.of("with", "without", "time", "zone", "varying", "precision");
    private static final Set<String> NON_VOLATILE = load();

    private Volatility() {
    }

    private static Set<String> load() {
        InputStream in = Volatility.class.getResourceAsStream("non-volatile-functions.txt");
        if (in == null) {
            throw new IllegalStateException("non-volatile-functions.txt is missing from the dbopt-migration jar");
        }
        Set<String> names = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the list of non-volatile functions", e);
        }
        return Set.copyOf(names);
    }

    /**
     * The first function of the expression that is (or may be) volatile, empty when the expression is evaluated
     * once: constants, casts, operators, {@code CURRENT_TIMESTAMP}, {@code now() - interval '1 day'}.
     */
    static Optional<String> volatileFunction(String expression) {
        List<SqlToken> tokens = SqlLexer.tokenizeWithoutComments(expression, SqlSyntax.postgres());
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is("::") || t.isWord("AS")) {
                i = skipType(tokens, i + 1) - 1;
                continue;
            }
            if (t.kind() != SqlTokenKind.WORD && t.kind() != SqlTokenKind.QUOTED_IDENTIFIER) {
                continue;
            }
            int end = i;
            String schema = null;
            String name = unquote(t);
            while (end + 2 < tokens.size() && tokens.get(end + 1).is(".")) {
                schema = name;
                name = unquote(tokens.get(end + 2));
                end += 2;
            }
            boolean call = end + 1 < tokens.size() && tokens.get(end + 1).is("(");
            if (call && !(schema == null || schema.equals("pg_catalog")) ) {
                return Optional.of(schema + "." + name);
            }
            if (call && !NON_VOLATILE.contains(name) && !isSyntax(name)) {
                return Optional.of(name);
            }
            i = end;
        }
        return Optional.empty();
    }

    /** Keywords written like calls that are not functions: {@code CAST(...)}, {@code ARRAY(...)}, ... */
    private static boolean isSyntax(String name) {
        return Set.of("cast", "array", "row", "coalesce", "nullif", "greatest", "least", "interval", "timestamp",
                "time", "numeric", "decimal", "varchar", "char", "character", "bit", "float", "exists")
                .contains(name) || VALUE_FUNCTIONS.contains(name);
    }

    private static String unquote(SqlToken t) {
        String text = t.text();
        return t.kind() == SqlTokenKind.QUOTED_IDENTIFIER ? text.substring(1, text.length() - 1)
                : text.toLowerCase(Locale.ROOT);
    }

    /** Skips a type name after {@code ::} or {@code AS}; returns the index after it. */
    private static int skipType(List<SqlToken> tokens, int from) {
        int i = from;
        boolean first = true;
        while (i < tokens.size()) {
            SqlToken t = tokens.get(i);
            boolean word = t.kind() == SqlTokenKind.WORD || t.kind() == SqlTokenKind.QUOTED_IDENTIFIER;
            if (word && (first || TYPE_WORDS.contains(t.text().toLowerCase(Locale.ROOT)))) {
                i++;
                first = false;
            } else if (t.is(".") && !first) {
                i++;
                first = true;
            } else if (t.is("(") && !first) {
                while (i < tokens.size() && !tokens.get(i).is(")")) {
                    i++;
                }
                i++;
            } else if ((t.is("[") || t.is("]")) && !first) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
