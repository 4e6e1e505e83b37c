package io.dbopt.bench.index;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.Workload;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The planted workload: statements whose right index is known (a list of acceptable key column lists, the ideal
 * first), and statements no new index should serve (a primary key lookup, a tiny table, an unselective range).
 */
final class PlantedWorkload {

    /**
     * One planted statement.
     *
     * @param name short label
     * @param sql JDBC text with {@code ?} placeholders
     * @param calls weight in the workload
     * @param table the table an index is expected on
     * @param acceptable acceptable key column lists, empty when no index should be recommended
     * @param parameters draws one set of parameter values
     */
    record Query(String name, String sql, long calls, String table, List<List<String>> acceptable,
                 Function<Random, Object[]> parameters) {

        boolean expectsIndex() {
            return !acceptable.isEmpty();
        }

        /** Whether the index is one of the acceptable ones (its keys may go on after an acceptable list). */
        boolean accepts(IndexDefinition index) {
            return index.table().name().equals(table) && acceptable.stream().anyMatch(keys ->
                    index.columns().size() >= keys.size() && index.columns().subList(0, keys.size()).equals(keys));
        }
    }

    private PlantedWorkload() {
    }

    static List<Query> queries(TpchSchema schema) {
        int customers = schema.customers();
        int orders = schema.orders();
        int parts = schema.parts();
        return List.of(
                new Query("orders-of-customer", "SELECT o_orderkey, o_totalprice FROM orders WHERE o_custkey = ? "
                        + "AND o_orderdate >= ?", 5_000, "orders",
                        List.of(List.of("o_custkey", "o_orderdate"), List.of("o_custkey")),
                        r -> new Object[] {1L + r.nextInt(customers), day(r)}),
                new Query("lines-of-part", "SELECT l_orderkey, l_quantity FROM lineitem WHERE l_partkey = ?", 3_000,
                        "lineitem", List.of(List.of("l_partkey")), r -> new Object[] {1L + r.nextInt(parts)}),
                new Query("customers-by-nation-segment", "SELECT c_custkey, c_name FROM customer "
                        + "WHERE c_nationkey = ? AND c_mktsegment = ?", 2_000, "customer",
                        List.of(List.of("c_nationkey", "c_mktsegment"), List.of("c_nationkey")),
                        r -> new Object[] {r.nextInt(25), "BUILDING"}),
                new Query("parts-by-brand-size", "SELECT p_partkey, p_name FROM part WHERE p_brand = ? AND p_size = ?",
                        2_000, "part", List.of(List.of("p_size", "p_brand"), List.of("p_brand", "p_size"),
                        List.of("p_size")), r -> new Object[] {"Brand#" + r.nextInt(25), 1 + r.nextInt(50)}),
                new Query("customer-by-phone-with-orders", "SELECT c.c_name, o.o_orderdate FROM customer c "
                        + "JOIN orders o ON o.o_custkey = c.c_custkey WHERE c.c_phone = ?", 1_000, "customer",
                        List.of(List.of("c_phone")), r -> new Object[] {"phone-" + (1 + r.nextInt(customers))}),
                new Query("latest-orders-by-status", "SELECT o_orderkey FROM orders WHERE o_orderstatus = ? "
                        + "ORDER BY o_orderdate DESC LIMIT 20", 1_000, "orders",
                        List.of(List.of("o_orderstatus", "o_orderdate"), List.of("o_orderdate")),
                        r -> new Object[] {"O"}),
                new Query("task-board", "SELECT id, title, position FROM tasks WHERE project_id = ? AND status_id = ? "
                        + "ORDER BY position LIMIT 50", 5_000, "tasks",
                        List.of(List.of("project_id", "status_id"), List.of("project_id")),
                        r -> new Object[] {1L + r.nextInt(schema.projects()), 1 + r.nextInt(6)}),
                new Query("revenue-by-flag-and-ship-date", "SELECT sum(l_extendedprice) FROM lineitem "
                        + "WHERE l_returnflag = ? AND l_shipdate BETWEEN ? AND ?", 500, "lineitem",
                        List.of(List.of("l_returnflag", "l_shipdate"), List.of("l_shipdate")),
                        r -> {
                            Date from = day(r);
                            return new Object[] {"R", from, Date.valueOf(from.toLocalDate().plusDays(7))};
                        }),
                new Query("lines-of-order (primary key)", "SELECT l_linenumber, l_quantity FROM lineitem "
                        + "WHERE l_orderkey = ?", 5_000, "lineitem", List.of(),
                        r -> new Object[] {1L + r.nextInt(orders)}),
                new Query("order-by-key (primary key)", "SELECT o_totalprice FROM orders WHERE o_orderkey = ?",
                        5_000, "orders", List.of(), r -> new Object[] {1L + r.nextInt(orders)}),
                new Query("supplier-by-name (tiny table)", "SELECT s_suppkey FROM supplier WHERE s_name = ?", 500,
                        "supplier", List.of(), r -> new Object[] {"Supplier#" + (1 + r.nextInt(100))}),
                new Query("big-quantities (unselective)", "SELECT count(*) FROM lineitem WHERE l_quantity > ?", 100,
                        "lineitem", List.of(), r -> new Object[] {10}),
                new Query("move-task (write)", "UPDATE tasks SET status_id = ? WHERE id = ?", 2_000, "tasks",
                        List.of(), r -> new Object[] {1 + r.nextInt(6), 1L + r.nextInt(50_000)}));
    }

    static Workload workload(List<Query> queries) {
        Workload.Builder b = Workload.builder();
        queries.forEach(q -> b.add(q.sql(), q.calls(), Duration.ZERO));
        return b.build();
    }

    private static Date day(Random r) {
        return Date.valueOf(LocalDate.of(1992, 1, 1).plusDays(r.nextInt(2500)));
    }
}
