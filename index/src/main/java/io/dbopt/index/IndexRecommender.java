package io.dbopt.index;

import io.dbopt.index.analysis.Advisor;
import io.dbopt.index.analysis.IndexInstruments;
import io.dbopt.index.analysis.Session;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Recommends indexes for a workload and estimates what dropping one would cost it.
 *
 * <p>Candidates come from each statement's predicates (equality and IN first, most selective first, then a range,
 * join, sort or grouping column; covering and partial variants on PostgreSQL; GIN for jsonb and arrays). Each is
 * costed by what-if planning ({@link WhatIfMethod}) against the statements on its table and kept only when it lowers
 * some statement's estimated cost by {@link IndexOptions#minCostReduction()}. The selection is greedy by calls x cost
 * saved, net of a write penalty, under {@link IndexOptions#storageBudgetBytes()}; candidates an existing index already
 * serves are never proposed. Nothing is created: apply a recommendation with {@link IndexManager#apply}.
 *
 * <p>Obtain one from {@link IndexManager#recommender()}. Thread-safe; every call borrows one connection for its whole
 * run and returns it, leaving no hypothetical index or trial behind.
 */
public final class IndexRecommender {

    private final DataSource dataSource;
    private final IndexOptions options;
    private final IndexInstruments instruments;

    IndexRecommender(DataSource dataSource, IndexOptions options, IndexInstruments instruments) {
        this.dataSource = dataSource;
        this.options = options;
        this.instruments = instruments;
    }

    /**
     * Recommends indexes for the workload.
     *
     * @throws io.dbopt.core.DbOptException when the catalog cannot be read or the what-if engine fails
     */
    public Recommendations recommend(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return Session.analyse(dataSource, options, "recommending indexes",
                s -> {
                    Recommendations r = new Advisor(s.connection(), s.catalog(), options, instruments)
                            .recommend(workload);
                    instruments.recommendations(r.recommendations().size());
                    return r;
                });
    }

    /**
     * Estimates, without dropping it, how the workload's statements on the index's table would cost without the
     * index: HypoPG 1.4+ {@code hypopg_hide_index} or a rolled-back {@code DROP INDEX} on PostgreSQL, an
     * {@code IGNORE INDEX} hint on MariaDB.
     *
     * @param table the index's table (empty schema: the analysed one)
     * @param index the index name
     * @param workload the statements to check
     */
    public DropImpact whatIfDrop(TableName table, String index, Workload workload) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(workload, "workload");
        return Session.analyse(dataSource, options, "estimating the drop of " + index, s -> {
            TableName t = table.inSchema(s.schema());
            boolean exists = s.catalog().indexes(t).stream().anyMatch(i -> s.catalog().ignoreCase()
                    ? i.name().equalsIgnoreCase(index) : i.name().equals(index));
            if (!exists) {
                throw new io.dbopt.core.DbOptException(IndexErrorCode.NOT_FOUND, "No index " + index + " on " + t
                        + ": check the index and table names");
            }
            return new Advisor(s.connection(), s.catalog(), options, instruments).whatIfDrop(t, index, workload);
        });
    }
}
