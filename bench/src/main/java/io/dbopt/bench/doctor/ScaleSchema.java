package io.dbopt.bench.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schema of N tables for the doctor at scale, the same shape on both servers: each table has a primary key, two
 * foreign keys (to the previous table and to the table at half its number), 20 rows and about five indexes (key,
 * parent, code, status + created_at; the owner key's index on four tables in five, a redundant status index on every
 * fourth, a duplicate code index on every tenth), so the doctor finds something on most tables. A small workload then
 * runs on every tenth table (at least ten) so the server's statement statistics hold statements of this database.
 * Names are generated ({@code t_00001}) and quoted through the dialect.
 */
final class ScaleSchema {

    private static final int ROWS = 20;
    private static final int BATCH = 100;

    private final TestDatabase db;
    private final Dialect dialect;
    private final boolean postgres;
    private final int tables;

    ScaleSchema(TestDatabase db, int tables) {
        this.db = db;
        this.dialect = db.dialect();
        this.postgres = db.testDialect() == TestDialect.POSTGRESQL;
        this.tables = tables;
    }

    static String table(int i) {
        return String.format(Locale.ROOT, "t_%05d", i);
    }

    /**
     * Creates the tables, indexes, keys and rows, then analyses them. On PostgreSQL every {@value #BATCH} tables go
     * to the server as one {@code DO} block on a connection of their own (one round trip, one transaction and one
     * pg_stat_statements entry each, instead of seven statements per table; one backend building every table slowed
     * to a few tables a second past 4,000 tables as its caches grew); on MariaDB as a JDBC batch.
     */
    void create() throws SQLException {
        if (postgres) {
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        List<String> batch = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (int i = 1; i <= tables; i++) {
                batch.addAll(postgres ? postgresTable(i) : mariaDbTable(i));
                batch.add(rows(i));
                if (i % BATCH == 0 || i == tables) {
                    if (postgres) {
                        try (Connection own = db.connection(); Statement block = own.createStatement()) {
                            block.execute("DO $build$ BEGIN\n" + String.join(";\n", batch) + ";\nEND $build$");
                        }
                    } else {
                        for (String sql : batch) {
                            st.addBatch(sql);
                        }
                        st.executeBatch();
                    }
                    batch.clear();
                }
            }
            if (postgres) {
                st.execute("ANALYZE");
            } else {
                for (int i = 1; i <= tables; i += BATCH) {
                    List<String> names = new ArrayList<>();
                    for (int j = i; j < i + BATCH && j <= tables; j++) {
                        names.add(q(table(j)));
                    }
                    st.execute("ANALYZE TABLE " + String.join(", ", names));
                }
            }
        }
    }

    /** How many indexes the schema holds (primary keys included). */
    long indexes() {
        return db.queryLong(postgres
                ? "SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                : "SELECT count(DISTINCT TABLE_NAME, INDEX_NAME) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE()");
    }

    /** Runs the workload: three reads five times and an update twice, on every tenth table (at least ten). */
    int workload() throws SQLException {
        int step = Math.max(1, Math.min(10, tables / 10));
        int statements = 0;
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (int i = step; i <= tables; i += step) {
                String t = q(table(i));
                for (int k = 0; k < 5; k++) {
                    st.executeQuery("SELECT id, code FROM " + t + " WHERE code = 'c" + k + "'").close();
                    st.executeQuery("SELECT count(*) FROM " + t + " WHERE owner_id = " + (k + 1)).close();
                    st.executeQuery("SELECT id, amount FROM " + t + " WHERE amount > " + (k * 10)
                            + " ORDER BY created_at LIMIT 5").close();
                    statements += 3;
                }
                for (int k = 0; k < 2; k++) {
                    st.executeUpdate("UPDATE " + t + " SET note = 'seen' WHERE id = " + (k + 1));
                    statements++;
                }
            }
        }
        return statements;
    }

    private List<String> postgresTable(int i) {
        String t = table(i);
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE " + q(t) + " (id bigint NOT NULL, parent_id bigint, owner_id bigint, "
                + "code varchar(40) NOT NULL, amount integer NOT NULL, status integer NOT NULL, "
                + "created_at timestamp NOT NULL, note varchar(200), "
                + "CONSTRAINT " + q(t + "_pkey") + " PRIMARY KEY (id), "
                + "CONSTRAINT " + q(t + "_parent_fk") + " FOREIGN KEY (parent_id) REFERENCES " + q(table(parent(i)))
                + " (id), CONSTRAINT " + q(t + "_owner_fk") + " FOREIGN KEY (owner_id) REFERENCES "
                + q(table(owner(i))) + " (id))");
        for (String[] index : indexes(i)) {
            out.add("CREATE INDEX " + q(index[0]) + " ON " + q(t) + " (" + index[1] + ")");
        }
        return out;
    }

    private List<String> mariaDbTable(int i) {
        String t = table(i);
        StringBuilder sql = new StringBuilder("CREATE TABLE " + q(t) + " (id bigint NOT NULL, parent_id bigint, "
                + "owner_id bigint, code varchar(40) NOT NULL, amount integer NOT NULL, status integer NOT NULL, "
                + "created_at datetime NOT NULL, note varchar(200), PRIMARY KEY (id)");
        for (String[] index : indexes(i)) {
            sql.append(", KEY ").append(q(index[0])).append(" (").append(index[1]).append(')');
        }
        sql.append(", CONSTRAINT ").append(q(t + "_parent_fk")).append(" FOREIGN KEY (parent_id) REFERENCES ")
                .append(q(table(parent(i)))).append(" (id), CONSTRAINT ").append(q(t + "_owner_fk"))
                .append(" FOREIGN KEY (owner_id) REFERENCES ").append(q(table(owner(i))))
                .append(" (id)) ENGINE=InnoDB");
        return List.of(sql.toString());
    }

    /** Secondary indexes of table i: {name, quoted column list}. */
    private List<String[]> indexes(int i) {
        String t = table(i);
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {t + "_parent_idx", q("parent_id")});
        out.add(new String[] {t + "_code_idx", q("code")});
        out.add(new String[] {t + "_status_created_idx", q("status") + ", " + q("created_at")});
        if (i % 5 != 0) {
            out.add(new String[] {t + "_owner_idx", q("owner_id")});
        }
        if (i % 4 == 0) {
            out.add(new String[] {t + "_status_idx", q("status")});
        }
        if (i % 10 == 0) {
            out.add(new String[] {t + "_code_dup_idx", q("code")});
        }
        return out;
    }

    private String rows(int i) {
        StringBuilder values = new StringBuilder();
        for (int r = 1; r <= ROWS; r++) {
            values.append(r == 1 ? "" : ", ").append(String.format(Locale.ROOT,
                    "(%d, %d, %d, 'c%d', %d, %d, TIMESTAMP '2026-01-01 00:00:00' - INTERVAL '%d' DAY, 'row %d')",
                    r, r, r, r % 7, r * 10, r % 3, r, r));
        }
        return "INSERT INTO " + q(table(i)) + " (id, parent_id, owner_id, code, amount, status, created_at, note) "
                + "VALUES " + values;
    }

    private static int parent(int i) {
        return Math.max(1, i - 1);
    }

    private static int owner(int i) {
        return Math.max(1, (i + 1) / 2);
    }

    private String q(String name) {
        return dialect.quote(name);
    }
}
