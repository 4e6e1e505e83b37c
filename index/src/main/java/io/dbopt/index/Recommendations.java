package io.dbopt.index;

import io.dbopt.core.finding.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link IndexRecommender#recommend(Workload)} found.
 *
 * @param recommendations indexes worth creating, most time saved first
 * @param unvalidated candidates that could not be costed (why is in {@link Candidate#reason()})
 * @param method the what-if method used for B-tree candidates
 * @param statementsAnalysed workload statements parsed and explained
 * @param statementsSkipped workload statements not analysed (not parseable, no table, cannot be explained)
 * @param workloadCostBefore calls-weighted estimated cost of the analysed statements now
 * @param workloadCostAfter the same with every recommended index in place
 * @param elapsed how long the analysis took
 */
public record Recommendations(List<IndexRecommendation> recommendations, List<Candidate> unvalidated,
                              WhatIfMethod method, int statementsAnalysed, int statementsSkipped,
                              double workloadCostBefore, double workloadCostAfter, Duration elapsed) {

    /** Validates and copies. */
    public Recommendations {
        recommendations = List.copyOf(recommendations);
        unvalidated = List.copyOf(unvalidated);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Nothing to recommend. */
    public static Recommendations none(WhatIfMethod method, int skipped, Duration elapsed) {
        return new Recommendations(List.of(), List.of(), method, 0, skipped, 0, 0, elapsed);
    }

    /** The share by which all recommendations together lower the analysed workload's estimated cost. */
    public double workloadReduction() {
        return workloadCostBefore <= 0 ? 0 : (workloadCostBefore - workloadCostAfter) / workloadCostBefore;
    }

    /** The recommendations and unvalidated candidates as findings. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        recommendations.forEach(r -> out.add(r.toFinding()));
        unvalidated.forEach(c -> out.add(c.toFinding()));
        return out;
    }

    /**
     * A candidate index the recommender could not cost.
     *
     * @param index the candidate
     * @param tableName the table as SQL names it, quoted by the dialect
     * @param createStatement the DDL that would create it
     * @param statement a statement it was meant for, literals hidden
     * @param reason why it was not costed
     */
    public record Candidate(IndexDefinition index, String tableName, String createStatement, String statement,
                            String reason) {

        /** Validates. */
        public Candidate {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(createStatement, "createStatement");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(reason, "reason");
        }

        /** The candidate as an {@code index.unvalidated-candidate} finding. */
        public Finding toFinding() {
            return Finding.builder("index.unvalidated-candidate", io.dbopt.core.finding.Severity.INFO)
                    .object(io.dbopt.core.finding.DbObject.table(tableName))
                    .message("An index on " + index.describe() + " may help, but was not costed: " + reason)
                    .evidence("statement", statement)
                    .fix(io.dbopt.core.finding.Fix.sql("create it after checking the plan yourself",
                            createStatement))
                    .build();
        }
    }
}
