package io.dbopt.json.rewrite;

import io.dbopt.json.RewriteVerification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs two SELECT statements with the same parameters in one read-only transaction that is rolled back, and
 * compares their rows as multisets. Values are compared by their JDBC object's text (bytes by content). Each
 * statement runs under the time limit. Stateless.
 */
public final class ResultComparison {

    private ResultComparison() {
    }

    /** Compares the rows of {@code original} and {@code rewritten} on the connection. */
    public static RewriteVerification compare(Connection c, String original, String rewritten, List<?> params,
                                              int maxRows, Duration timeout) throws SQLException {
        boolean auto = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            List<String> a = rows(c, original, params, maxRows, timeout);
            List<String> b = rows(c, rewritten, params, maxRows, timeout);
            boolean complete = a.size() <= maxRows && b.size() <= maxRows;
            Collections.sort(a);
            Collections.sort(b);
            boolean same = complete && a.equals(b);
            String detail = !complete ? "more than " + maxRows + " rows: raise json.rewrite.verify_max_rows or "
                    + "verify with narrower parameters" : same ? a.size() + " rows, identical"
                    : "the original returned " + a.size() + " rows, the rewrite " + b.size() + (a.size() == b.size()
                    ? " with different values" : "");
            return new RewriteVerification(same, a.size(), b.size(), complete, detail);
        } finally {
            try {
                c.rollback();
            } finally {
                c.setReadOnly(readOnly);
                c.setAutoCommit(auto);
            }
        }
    }

    private static List<String> rows(Connection c, String sql, List<?> params, int maxRows, Duration timeout)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            ps.setMaxRows(maxRows + 1);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        String text = v == null ? "\u0001NULL" : v instanceof byte[] bytes ? Arrays.toString(bytes)
                                : String.valueOf(v);
                        row.append(text).append('\u0000');
                    }
                    out.add(row.toString());
                }
                return out;
            }
        }
    }
}
