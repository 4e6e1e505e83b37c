package io.dbopt.index.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A MariaDB {@code EXPLAIN FORMAT=JSON} plan reduced to what the row model needs: for every nested loop, its tables
 * in join order with their estimated rows per lookup and filtered share. The cost of a plan is the number of rows it
 * reads: the sum over each loop's tables of (lookups x rows), where a table is looked up once per row the tables
 * before it return. MariaDB 10.x plans carry no cost, so rows read stand in for it.
 */
final class MariaDbPlan {

    /** One table access in a nested loop. */
    record Access(String alias, double rows, double filtered) {
        double output() {
            return rows * filtered / 100.0;
        }

        Access with(double newRows, double newOutput) {
            double f = newRows <= 0 ? 100 : Math.min(100, 100 * newOutput / newRows);
            return new Access(alias, newRows, f);
        }
    }

    private final List<List<Access>> loops;

    private MariaDbPlan(List<List<Access>> loops) {
        this.loops = loops;
    }

    static MariaDbPlan parse(JsonNode root) {
        List<List<Access>> loops = new ArrayList<>();
        collect(root, loops);
        return new MariaDbPlan(loops);
    }

    private static void collect(JsonNode node, List<List<Access>> loops) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, loops));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode nested = node.get("nested_loop");
        if (nested != null && nested.isArray()) {
            List<Access> loop = new ArrayList<>();
            for (JsonNode step : nested) {
                JsonNode table = findTable(step);
                if (table != null) {
                    loop.add(access(table));
                }
            }
            loops.add(loop);
        } else if (node.has("table") && node.get("table").has("table_name")) {
            loops.add(new ArrayList<>(List.of(access(node.get("table"))))); // one table, e.g. under a filesort
        }
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("nested_loop")) {
                e.getValue().forEach(step -> {
                    JsonNode table = findTable(step);
                    if (table != null) {
                        collectBelow(table, loops); // materialized subqueries of a joined table
                    }
                });
            } else {
                collect(e.getValue(), loops);
            }
        });
    }

    /** The table of a nested-loop step, which may sit under read_sorted_file / filesort / temporary_table. */
    private static JsonNode findTable(JsonNode step) {
        JsonNode table = step.get("table");
        if (table != null && table.has("table_name")) {
            return table;
        }
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = step.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isObject() && !f.getKey().equals("query_block") && !f.getKey().equals("materialized")) {
                JsonNode found = findTable(f.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void collectBelow(JsonNode table, List<List<Access>> loops) {
        table.fields().forEachRemaining(f -> collect(f.getValue(), loops));
    }

    private static Access access(JsonNode table) {
        double rows = table.path("rows").asDouble(1);
        double filtered = table.path("filtered").asDouble(100);
        return new Access(table.path("table_name").asText(""), Math.max(rows, 1), filtered <= 0 ? 100 : filtered);
    }

    List<List<Access>> loops() {
        return loops;
    }

    /** Rows read by the plan. */
    double cost() {
        double total = 0;
        for (List<Access> loop : loops) {
            total += loopCost(loop);
        }
        return total;
    }

    static double loopCost(List<Access> loop) {
        double lookups = 1;
        double total = 0;
        for (Access a : loop) {
            total += lookups * a.rows();
            lookups *= Math.max(a.output(), 1e-9);
        }
        return total;
    }

    /** A copy with one loop replaced. */
    MariaDbPlan withLoop(int index, List<Access> loop) {
        List<List<Access>> copy = new ArrayList<>(loops);
        copy.set(index, loop);
        return new MariaDbPlan(copy);
    }
}
