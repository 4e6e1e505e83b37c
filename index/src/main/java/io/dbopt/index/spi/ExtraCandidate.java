package io.dbopt.index.spi;

import io.dbopt.index.IndexDefinition;
import java.util.List;
import java.util.Objects;

/**
 * A candidate from a {@link CandidateSource}: the index (named, its table schema-qualified; key elements columns or
 * {@link io.dbopt.index.IndexKey#sql(String)} expressions) and the statements, by position in the workload, whose
 * cost it may lower; the recommender costs it against those.
 *
 * @param index the index
 * @param statements positions in {@link CandidateRequest#statements()}, at least one
 * @param origin who proposed it and why, for logs
 */
public record ExtraCandidate(IndexDefinition index, List<Integer> statements, String origin) {

    /** Validates and copies. */
    public ExtraCandidate {
        Objects.requireNonNull(index, "index");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("Candidate " + index.describe() + " names no statement to cost it on");
        }
        if (index.name().isEmpty()) {
            throw new IllegalArgumentException("Candidate " + index.describe() + " needs a name");
        }
        Objects.requireNonNull(origin, "origin");
    }
}
