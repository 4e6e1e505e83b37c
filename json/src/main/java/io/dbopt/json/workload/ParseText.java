package io.dbopt.json.workload;

import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.List;

/**
 * Makes a statement's text readable by JSqlParser where PostgreSQL's JSON operators get in the way: in JDBC text the
 * escaped operators {@code ??}, {@code ??|}, {@code ??&} become {@code ?}, {@code ?|}, {@code ?&}; {@code @?} (which
 * JSqlParser 5.3 does not know) becomes {@code @@} (both are jsonpath operators served by the same indexes). Text
 * using {@code $n} placeholders (server statistics) keeps its lone {@code ?} operators. Stateless.
 */
final class ParseText {

    private ParseText() {
    }

    static String prepare(String sql, Dialect dialect) {
        SqlSyntax syntax = dialect instanceof MariaDbDialect ? SqlSyntax.mariaDb() : SqlSyntax.postgres();
        List<SqlToken> tokens = SqlLexer.tokenize(sql, syntax);
        boolean dollar = tokens.stream().anyMatch(t -> t.kind() == SqlTokenKind.PARAMETER && t.text().startsWith("$"));
        StringBuilder out = new StringBuilder(sql.length());
        int last = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            String replacement = null;
            int end = t.end();
            if (t.kind() == SqlTokenKind.OPERATOR && t.text().equals("@") && i + 1 < tokens.size()
                    && tokens.get(i + 1).start() == t.end() && tokens.get(i + 1).text().startsWith("?")
                    && tokens.get(i + 1).text().length() <= 2) {
                replacement = "@@";
                end = tokens.get(++i).end();
            } else if (t.kind() == SqlTokenKind.OPERATOR && (t.text().equals("@?") || t.text().equals("@??"))) {
                replacement = "@@";
            } else if (!dollar && t.kind() == SqlTokenKind.OPERATOR && t.text().startsWith("??")) {
                replacement = t.text().substring(1);
            }
            if (replacement != null) {
                out.append(sql, last, t.start()).append(replacement);
                last = end;
            }
        }
        return out.append(sql, last, sql.length()).toString();
    }
}
