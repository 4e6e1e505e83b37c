package io.dbopt.query.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.DbOptException;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads the JSON plans of PostgreSQL ({@code EXPLAIN (FORMAT JSON)}) and MariaDB ({@code EXPLAIN FORMAT=JSON},
 * {@code ANALYZE FORMAT=JSON}) into {@link PlanNode} trees, masking the values in conditions. Stateless.
 */
final class PlanParsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A parsed plan.
     *
     * @param root the top node
     * @param planningMillis planning time when reported
     * @param executionMillis execution time when reported
     */
    record Parsed(PlanNode root, OptionalDouble planningMillis, OptionalDouble executionMillis) {
    }

    private PlanParsers() {
    }

    static Parsed postgres(String json) {
        JsonNode top = read(json);
        JsonNode first = top.isArray() && top.size() > 0 ? top.get(0) : top;
        JsonNode plan = first.path("Plan");
        if (plan.isMissingNode()) {
            throw unreadable("PostgreSQL plan has no \"Plan\" node");
        }
        return new Parsed(postgresNode(plan, SqlAnalyzer.postgres()), optional(first, "Planning Time"),
                optional(first, "Execution Time"));
    }

    private static PlanNode postgresNode(JsonNode n, SqlAnalyzer masker) {
        String type = n.path("Node Type").asText("?");
        OptionalDouble actualRows = optional(n, "Actual Rows");
        double removed = n.path("Rows Removed by Filter").asDouble(0) + n.path("Rows Removed by Index Recheck")
                .asDouble(0) + n.path("Rows Removed by Join Filter").asDouble(0);
        OptionalDouble scanned = actualRows.isPresent() ? OptionalDouble.of(actualRows.getAsDouble() + removed)
                : OptionalDouble.empty();
        double loops = Math.max(1, n.path("Actual Loops").asDouble(1));
        String filter = firstText(n, "Filter", "Join Filter");
        String indexCond = firstText(n, "Index Cond", "Recheck Cond", "Hash Cond", "Merge Cond");
        boolean sortSpill = "Disk".equals(n.path("Sort Space Type").asText()) || n.path("Sort Method").asText()
                .startsWith("external");
        double batches = Math.max(n.path("Hash Batches").asDouble(1), n.path("HashAgg Batches").asDouble(1));
        boolean hashSpill = batches > 1 || n.path("Disk Usage").asDouble(0) > 0 && type.contains("Hash");
        List<String> detail = new ArrayList<>();
        if (n.has("Sort Method")) {
            detail.add("sort: " + n.path("Sort Method").asText());
        }
        if (batches > 1) {
            detail.add("hash batches: " + (long) batches);
        }
        if (n.has("Join Type")) {
            detail.add("join: " + n.path("Join Type").asText());
        }
        List<PlanNode> children = new ArrayList<>();
        for (JsonNode child : n.path("Plans")) {
            children.add(postgresNode(child, masker));
        }
        return new PlanNode(type, n.path("Relation Name").asText(""), n.path("Index Name").asText(""),
                scanKind(type), n.path("Plan Rows").asDouble(0), actualRows, n.path("Plan Rows").asDouble(0),
                scanned, loops, n.path("Total Cost").asDouble(0), optional(n, "Actual Total Time"),
                mask(filter, masker), mask(indexCond, masker), sortSpill || hashSpill, String.join(", ", detail),
                children);
    }

    private static String scanKind(String type) {
        return type.endsWith("Scan") ? type.replace("Parallel ", "").replace(" Scan", "").toLowerCase(
                java.util.Locale.ROOT) : "";
    }

    static Parsed mariaDb(String json) {
        JsonNode top = read(json);
        JsonNode block = top.path("query_block");
        if (block.isMissingNode()) {
            throw unreadable("MariaDB plan has no \"query_block\"");
        }
        OptionalDouble execution = optional(block, "r_total_time_ms");
        OptionalDouble planning = optional(top.path("query_optimization"), "r_total_time_ms");
        return new Parsed(mariaNode("query_block", block, SqlAnalyzer.mariaDb()), planning, execution);
    }

    private static PlanNode mariaNode(String key, JsonNode n, SqlAnalyzer masker) {
        List<PlanNode> children = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : n.properties()) {
            JsonNode v = f.getValue();
            if (v.isObject() && !f.getKey().startsWith("r_") && !f.getKey().equals("query_optimization")) {
                children.add(mariaNode(f.getKey(), v, masker));
            } else if (v.isArray()) {
                for (JsonNode element : v) {
                    if (element.isObject()) {
                        for (Map.Entry<String, JsonNode> e : element.properties()) {
                            if (e.getValue().isObject()) {
                                children.add(mariaNode(e.getKey(), e.getValue(), masker));
                            }
                        }
                    }
                }
            }
        }
        String relation = n.path("table_name").asText("");
        double rows = n.path("rows").asDouble(0);
        double filtered = n.path("filtered").asDouble(100);
        OptionalDouble rRows = optional(n, "r_rows");
        double rFiltered = n.path("r_filtered").asDouble(100);
        OptionalDouble actualOut = rRows.isPresent() ? OptionalDouble.of(rRows.getAsDouble() * rFiltered / 100)
                : OptionalDouble.empty();
        OptionalDouble millis = n.has("r_total_time_ms") ? optional(n, "r_total_time_ms")
                : n.has("r_table_time_ms") ? OptionalDouble.of(n.path("r_table_time_ms").asDouble()
                + n.path("r_other_time_ms").asDouble(0)) : OptionalDouble.empty();
        List<String> detail = new ArrayList<>();
        if (n.has("sort_key")) {
            detail.add("sort key: " + mask(n.path("sort_key").asText(), masker));
        }
        if (n.has("join_type")) {
            detail.add("join: " + n.path("join_type").asText());
        }
        if (n.has("r_sort_passes")) {
            detail.add("sort passes: " + n.path("r_sort_passes").asText());
        }
        String indexCond = firstText(n, "index_condition", "pushed_index_condition");
        if (indexCond.isEmpty() && n.has("ref")) {
            List<String> refs = new ArrayList<>();
            n.path("ref").forEach(r -> refs.add(r.asText()));
            indexCond = String.join(", ", refs);
        }
        return new PlanNode(relation.isEmpty() ? key : "table", relation, n.path("key").asText(""),
                n.path("access_type").asText(""), relation.isEmpty() ? 0 : rows * filtered / 100, actualOut, rows,
                rRows, Math.max(1, n.path("r_loops").asDouble(1)), n.path("cost").asDouble(0), millis,
                mask(n.path("attached_condition").asText(""), masker), mask(indexCond, masker),
                n.path("r_sort_passes").asDouble(0) > 0, String.join(", ", detail), children);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DbOptException(QueryErrorCode.PLAN_UNREADABLE, "The server's plan is not valid JSON ("
                    + e.getOriginalMessage() + "): report this with the server version", e);
        }
    }

    private static DbOptException unreadable(String what) {
        return new DbOptException(QueryErrorCode.PLAN_UNREADABLE, what + ": report this with the server version");
    }

    private static OptionalDouble optional(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.hasNonNull(f)) {
                return n.path(f).asText();
            }
        }
        return "";
    }

    /** Conditions as the server prints them, with every value replaced by {@code ?}. */
    static String mask(String condition, SqlAnalyzer masker) {
        return condition == null || condition.isEmpty() ? "" : masker.fingerprint(condition);
    }
}
