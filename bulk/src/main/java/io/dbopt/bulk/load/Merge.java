package io.dbopt.bulk.load;

import io.dbopt.core.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * The upsert step: rows go to a temporary staging table of the mapped columns first, then one
 * {@code INSERT ... SELECT} moves them into the target with {@code ON CONFLICT (keys) DO UPDATE} (PostgreSQL) or
 * {@code ON DUPLICATE KEY UPDATE} (MariaDB), in the same transaction. Counts are exact: PostgreSQL tells inserted from
 * updated rows by {@code xmax = 0} in {@code RETURNING}; MariaDB counts the staged rows whose key already exists
 * before the insert.
 */
final class Merge {

    /** Rows inserted and updated by one merge. */
    record Counts(long inserted, long updated) {
    }

    private final Dialect dialect;
    private final boolean postgres;
    private final String staging;
    private final String prepareSql;
    private final String clearSql;
    private final String dropSql;
    private final String mergeSql;
    private final String matchedSql;

    Merge(Dialect dialect, TargetTable target, List<String> keys, List<String> updates) {
        this.dialect = dialect;
        this.postgres = dialect.resourceFolder().equals("postgresql");
        this.staging = dialect.quote(stagingName(target.quotedName()));
        String cols = target.columnList(dialect);
        if (postgres) {
            // dropped with the transaction, so that a pooled session is left as it was lent
            prepareSql = "CREATE TEMPORARY TABLE " + staging + " ON COMMIT DROP AS SELECT " + cols + " FROM "
                    + target.quotedName() + " WITH NO DATA";
            clearSql = null;
            dropSql = null;
            String action = updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + assignments(updates, "EXCLUDED.%s");
            mergeSql = "WITH m AS (INSERT INTO " + target.quotedName() + " (" + cols + ") SELECT " + cols + " FROM "
                    + staging + " ON CONFLICT (" + list(keys) + ") " + action + " RETURNING (xmax = 0) AS inserted) "
                    + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM m";
            matchedSql = null;
        } else {
            prepareSql = "CREATE TEMPORARY TABLE IF NOT EXISTS " + staging + " AS SELECT " + cols + " FROM "
                    + target.quotedName() + " WHERE 1 = 0";
            clearSql = "DELETE FROM " + staging;
            // temporary tables are outside MariaDB's transactions: dropped after each merge
            dropSql = "DROP TEMPORARY TABLE IF EXISTS " + staging;
            String action = assignments(updates.isEmpty() ? List.of(keys.get(0)) : updates, "VALUES(%s)");
            mergeSql = "INSERT INTO " + target.quotedName() + " (" + cols + ") SELECT " + cols + " FROM " + staging
                    + " ON DUPLICATE KEY UPDATE " + action;
            StringBuilder on = new StringBuilder();
            for (String k : keys) {
                on.append(on.length() == 0 ? "" : " AND ").append("t.").append(dialect.quote(k)).append(" = s.")
                        .append(dialect.quote(k));
            }
            matchedSql = "SELECT COUNT(*), (SELECT COUNT(*) FROM " + staging + ") FROM " + staging + " s JOIN "
                    + target.quotedName() + " t ON " + on;
        }
    }

    /** The quoted staging table rows are loaded into. */
    String staging() {
        return staging;
    }

    /** A staging name of the server's length that depends only on the target's name. */
    static String stagingName(String quotedTarget) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(quotedTarget.getBytes(StandardCharsets.UTF_8));
            return "dbopt_stage_" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Creates the staging table (PostgreSQL: for this transaction; MariaDB: until the merge); empty. */
    void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(prepareSql);
            if (clearSql != null) {
                st.execute(clearSql);
            }
        }
    }

    /** Moves the staged rows into the target; in the chunk's transaction. */
    Counts merge(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (postgres) {
                try (ResultSet rs = st.executeQuery(mergeSql)) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2));
                }
            }
            long matched;
            long staged;
            try (ResultSet rs = st.executeQuery(matchedSql)) {
                rs.next();
                matched = rs.getLong(1);
                staged = rs.getLong(2);
            }
            st.executeUpdate(mergeSql);
            st.execute(dropSql);
            return new Counts(staged - matched, matched);
        }
    }

    private String list(List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(dialect.quote(c));
        }
        return sb.toString();
    }

    private String assignments(List<String> columns, String valueFormat) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            String q = dialect.quote(c);
            sb.append(sb.length() == 0 ? "" : ", ").append(q).append(" = ").append(String.format(valueFormat, q));
        }
        return sb.toString();
    }
}
