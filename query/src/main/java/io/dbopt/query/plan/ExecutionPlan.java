package io.dbopt.query.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The plan of one statement and what {@link ExecutionPlanAnalyzer} found in it.
 *
 * @param fingerprint the statement's fingerprint (values as {@code ?})
 * @param root the top node
 * @param analyzed whether the statement ran (EXPLAIN ANALYZE) and the plan carries actual figures
 * @param generic whether the plan was made without parameter values (PostgreSQL's generic plan)
 * @param planningMillis planning time, when the server reported it
 * @param executionMillis execution time, when analyzed
 * @param insights the problems found, most severe first
 * @param json the plan as the server returned it; it can contain the values of the statement, so treat it like the
 *     statement itself (it is never put into findings or logs by dbopt)
 */
public record ExecutionPlan(String fingerprint, PlanNode root, boolean analyzed, boolean generic,
                            OptionalDouble planningMillis, OptionalDouble executionMillis, List<PlanInsight> insights,
                            String json) {

    /** Validates and copies. */
    public ExecutionPlan {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(planningMillis, "planningMillis");
        Objects.requireNonNull(executionMillis, "executionMillis");
        insights = List.copyOf(insights);
        Objects.requireNonNull(json, "json");
    }

    /** Every node, depth first. */
    public List<PlanNode> nodes() {
        List<PlanNode> all = new ArrayList<>();
        root.forEach(all::add);
        return all;
    }

    /** Whether an insight of the kind was found. */
    public boolean has(InsightKind kind) {
        return insights.stream().anyMatch(i -> i.kind() == kind);
    }

    /** A copy with other insights. */
    ExecutionPlan withInsights(List<PlanInsight> found) {
        return new ExecutionPlan(fingerprint, root, analyzed, generic, planningMillis, executionMillis, found, json);
    }
}
