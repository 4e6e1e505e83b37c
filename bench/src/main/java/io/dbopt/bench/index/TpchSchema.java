package io.dbopt.bench.index;

import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * A TPC-H-like schema (nation, customer, supplier, part, orders, lineitem) plus the demo application's task board,
 * generated on the server, with primary and foreign keys but no secondary index: the workload's indexes are for the
 * advisors to find. Scale 1 is 15,000 orders and 60,000 line items.
 */
final class TpchSchema {

    private final TestDatabase db;
    private final boolean postgres;
    private final int scale;

    TpchSchema(TestDatabase db, int scale) {
        this.db = db;
        this.postgres = db.testDialect() == TestDialect.POSTGRESQL;
        this.scale = scale;
    }

    int customers() {
        return 1_500 * scale;
    }

    int orders() {
        return 15_000 * scale;
    }

    int parts() {
        return 2_000 * scale;
    }

    int projects() {
        return 2_000;
    }

    void create() {
        List<String> sql = new ArrayList<>();
        String engine = postgres ? "" : " ENGINE=InnoDB";
        sql.add("CREATE TABLE nation (n_nationkey int PRIMARY KEY, n_name varchar(25) NOT NULL, n_regionkey int)"
                + engine);
        sql.add("CREATE TABLE customer (c_custkey bigint PRIMARY KEY, c_name varchar(25) NOT NULL, "
                + "c_nationkey int NOT NULL, c_phone varchar(15) NOT NULL, "
                + "c_acctbal numeric(12, 2), c_mktsegment varchar(10) NOT NULL)" + engine);
        sql.add("CREATE TABLE supplier (s_suppkey bigint PRIMARY KEY, s_name varchar(25) NOT NULL, "
                + "s_nationkey int NOT NULL, s_acctbal numeric(12, 2))" + engine);
        sql.add("CREATE TABLE part (p_partkey bigint PRIMARY KEY, p_name varchar(55) NOT NULL, "
                + "p_brand varchar(10) NOT NULL, p_size int NOT NULL, p_retailprice numeric(12, 2))" + engine);
        sql.add("CREATE TABLE orders (o_orderkey bigint PRIMARY KEY, o_custkey bigint NOT NULL, "
                + "o_orderstatus char(1) NOT NULL, o_totalprice numeric(12, 2), o_orderdate date NOT NULL, "
                + "o_orderpriority varchar(15))" + engine);
        sql.add("CREATE TABLE lineitem (l_orderkey bigint NOT NULL, l_linenumber int NOT NULL, "
                + "l_partkey bigint NOT NULL, l_suppkey bigint NOT NULL, l_quantity int NOT NULL, "
                + "l_extendedprice numeric(12, 2), l_returnflag char(1) NOT NULL, l_shipdate date NOT NULL, "
                + "PRIMARY KEY (l_orderkey, l_linenumber))" + engine);
        sql.add("CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint NOT NULL, status_id smallint NOT NULL, "
                + "position int NOT NULL, title varchar(100) NOT NULL)" + engine);
        sql.add(insert("nation", "n, concat('NATION', n), n % 5", 25, 0));
        sql.add(insert("customer", "n, concat('Customer#', n), n % 25, concat('phone-', n), (n % 10000) * 1.1, "
                + "CASE n % 5 WHEN 0 THEN 'BUILDING' WHEN 1 THEN 'MACHINERY' WHEN 2 THEN 'AUTOMOBILE' "
                + "WHEN 3 THEN 'HOUSEHOLD' ELSE 'FURNITURE' END", customers(), 1));
        sql.add(insert("supplier", "n, concat('Supplier#', n), n % 25, n * 1.5", 100, 1));
        sql.add(insert("part", "n, concat('part ', n), concat('Brand#', n % 25), 1 + n % 50, 900 + n % 1000",
                parts(), 1));
        sql.add(insert("orders", "n, 1 + n % " + customers() + ", CASE n % 3 WHEN 0 THEN 'F' WHEN 1 THEN 'O' "
                + "ELSE 'P' END, (n % 50000) * 3.3, " + date("n % 2500") + ", concat((n % 5) + 1, '-PRIORITY')",
                orders(), 1));
        sql.add(insert("lineitem", "1 + " + div("n - 1", "4") + ", 1 + (n - 1) % 4, 1 + (n * 7) % " + parts()
                + ", 1 + n % 100, 1 + n % 50, (n % 90000) * 1.7, CASE n % 3 WHEN 0 THEN 'A' WHEN 1 THEN 'N' "
                + "ELSE 'R' END, " + date("n % 2500"), orders() * 4, 1));
        sql.add(insert("tasks", "n, 1 + n % " + projects() + ", 1 + (n * 7) % 6, " + div("n", "2000")
                + ", concat('Task ', n)", 50_000 * scale, 1));
        db.execute(sql.toArray(String[]::new));
        for (String t : List.of("nation", "customer", "supplier", "part", "orders", "lineitem", "tasks")) {
            analyze(t);
        }
    }

    private void analyze(String table) {
        try (var c = db.connection(); var st = c.createStatement()) {
            if (postgres) {
                st.execute("ANALYZE " + table);
            } else {
                st.executeQuery("ANALYZE TABLE " + table).close(); // MariaDB answers with a result set
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("ANALYZE TABLE " + table + " failed: " + e.getMessage(), e);
        }
    }

    private String insert(String table, String values, int rows, int from) {
        String source = postgres ? "generate_series(" + from + ", " + rows + ") AS g(n)"
                : "(SELECT seq AS n FROM seq_" + from + "_to_" + rows + ") AS g";
        return "INSERT INTO " + table + " SELECT " + values + " FROM " + source;
    }

    private String date(String days) {
        return postgres ? "date '1992-01-01' + (" + days + ")::int" : "DATE_ADD('1992-01-01', INTERVAL (" + days
                + ") DAY)";
    }

    private String div(String a, String b) {
        return postgres ? "((" + a + ") / " + b + ")" : "((" + a + ") DIV " + b + ")";
    }
}
