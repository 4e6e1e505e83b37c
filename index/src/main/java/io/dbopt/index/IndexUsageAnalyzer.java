package io.dbopt.index;

import io.dbopt.core.finding.Finding;
import io.dbopt.index.analysis.IndexInstruments;
import io.dbopt.index.analysis.Session;
import io.dbopt.index.check.CheckContext;
import io.dbopt.index.check.IndexCheck;
import io.dbopt.index.check.IndexChecks;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Finds indexes that cost more than they give: unused and rarely used, duplicate, redundant (a leading prefix of
 * another), invalid (PostgreSQL), bloated, on booleans, B-trees on arrays (PostgreSQL). Each check is one catalog
 * query ({@link IndexChecks#usage()}); each finding carries the statement that fixes it. Obtain one from
 * {@link IndexManager#usageAnalyzer()}. Thread-safe; every call borrows one connection and returns it.
 */
public final class IndexUsageAnalyzer {

    private final DataSource dataSource;
    private final IndexOptions options;
    private final IndexInstruments instruments;

    IndexUsageAnalyzer(DataSource dataSource, IndexOptions options, IndexInstruments instruments) {
        this.dataSource = dataSource;
        this.options = options;
        this.instruments = instruments;
    }

    /**
     * Runs every usage check that exists for the server.
     *
     * @throws io.dbopt.core.DbOptException when the catalog cannot be read
     */
    public List<Finding> analyze() {
        return Session.analyse(dataSource, options, "analysing index usage",
                s -> run(s.checkContext(), IndexChecks.usage(), instruments));
    }

    static List<Finding> run(CheckContext context, List<IndexCheck> checks, IndexInstruments instruments)
            throws java.sql.SQLException {
        List<Finding> findings = new ArrayList<>();
        for (IndexCheck check : checks) {
            if (check.appliesTo(context.dialect())) {
                List<Finding> found;
                try {
                    found = check.run(context);
                } catch (java.sql.SQLException | RuntimeException e) {
                    instruments.check(check.id(), false);
                    throw e;
                }
                instruments.check(check.id(), true);
                instruments.findings(found);
                findings.addAll(found);
            }
        }
        return findings;
    }
}
