package io.dbopt.index.whatif;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import io.dbopt.index.WhatIfMethod;
import io.dbopt.index.workload.QueryShape;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Estimates statement costs with indexes added or hidden, on one connection it owns for its lifetime. Nothing it
 * does is visible to other sessions or survives {@link #close()}: hypothetical indexes are per session, trials roll
 * back. Not thread-safe.
 */
public interface WhatIfEngine extends AutoCloseable {

    /** The method used for B-tree candidates. */
    WhatIfMethod method();

    /** Prepares a statement for EXPLAIN; empty when it cannot be (placeholders of unknown type, a multi-statement). */
    Optional<Explainable> prepare(String sql, QueryShape shape) throws SQLException;

    /** The current estimated cost of each statement, {@code NaN} where it cannot be explained. */
    List<Double> costs(List<Explainable> statements) throws SQLException;

    /** The estimated costs with the indexes added. */
    Evaluation withIndexes(List<IndexDefinition> indexes, List<Explainable> statements) throws SQLException;

    /** The estimated costs with an existing index hidden. */
    Evaluation withoutIndex(TableName table, String index, List<Explainable> statements) throws SQLException;

    /** Removes every hypothetical index and restores the connection's settings; does not close the connection. */
    @Override
    void close() throws SQLException;
}
