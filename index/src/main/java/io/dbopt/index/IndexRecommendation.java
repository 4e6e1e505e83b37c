package io.dbopt.index;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An index worth creating for a workload, with the evidence: the statements it speeds up and by how much, how that
 * was estimated, its size and the write overhead it adds.
 *
 * @param index the index, named
 * @param tableName the table as SQL names it, quoted by the dialect (the finding's object)
 * @param createStatement the online DDL that creates it, identifiers quoted
 * @param statements the workload statements whose cost it lowers
 * @param method how the costs were estimated
 * @param sizeBytes the estimated size of the index
 * @param costSaved the calls-weighted cost saved, net of the write penalty
 * @param writePenalty the calls-weighted cost of maintaining it on the workload's writes
 * @param createStatements every statement that creates it, in order: {@code createStatement} alone, or for a
 *     partitioned PostgreSQL table the parent's {@code ON ONLY} index, then each partition's concurrent build and
 *     attach ({@code createStatement} is then the first of them)
 */
public record IndexRecommendation(IndexDefinition index, String tableName, String createStatement,
                                  List<StatementImpact> statements, WhatIfMethod method, long sizeBytes,
                                  double costSaved, double writePenalty, List<String> createStatements) {

    /** Validates and copies. */
    public IndexRecommendation {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(createStatement, "createStatement");
        statements = List.copyOf(statements);
        createStatements = createStatements.isEmpty() ? List.of(createStatement) : List.copyOf(createStatements);
        Objects.requireNonNull(method, "method");
    }

    /** The estimated execution time saved over the workload (zero when the workload had no timings). */
    public Duration timeSaved() {
        return statements.stream().map(StatementImpact::timeSaved).reduce(Duration.ZERO, Duration::plus);
    }

    /** The largest cost reduction of a single statement, as a share. */
    public double bestReduction() {
        return statements.stream().mapToDouble(StatementImpact::reduction).max().orElse(0);
    }

    /** The recommendation as an {@code index.recommended} finding with the CREATE statement as its fix. */
    public Finding toFinding() {
        long calls = statements.stream().mapToLong(StatementImpact::calls).sum();
        return Finding.builder("index.recommended", Severity.WARNING)
                .object(DbObject.table(tableName))
                .message("An index on " + index.describe() + " lowers the estimated cost of " + statements.size()
                        + " statement(s) by up to " + Math.round(bestReduction() * 100) + " %")
                .evidence("columns", String.join(", ", index.columns()))
                .evidence("calls", calls)
                .evidence("best_cost_reduction", Math.round(bestReduction() * 1000) / 1000.0)
                .evidence("time_saved_ms", timeSaved().toMillis())
                .evidence("estimated_index_bytes", sizeBytes)
                .evidence("validated_by", method.name().toLowerCase(Locale.ROOT))
                .evidence("statement", statements.isEmpty() ? "" : statements.get(0).statement())
                .fix(Fix.sql(createStatements.size() > 1 ? "create the index on the partitioned table: ON ONLY the "
                        + "parent, concurrently on each partition, then attach" : "create the index online",
                        createStatements.toArray(String[]::new)))
                .build();
    }
}
