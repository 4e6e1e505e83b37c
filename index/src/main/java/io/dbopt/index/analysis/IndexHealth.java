package io.dbopt.index.analysis;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.Finding;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.check.IndexCheck;
import io.dbopt.index.check.IndexChecks;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the health of an {@link io.dbopt.index.IndexManager}: the cheap catalog checks of
 * {@link IndexChecks#health()} under the health timeout. Thread-safe; never throws.
 *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class IndexHealth {

    private static final Logger LOG = LoggerFactory.getLogger(IndexHealth.class);

    private final DataSource dataSource;
    private final IndexOptions options;

    public IndexHealth(DataSource dataSource, IndexOptions options) {
        this.dataSource = dataSource;
        this.options = options.toBuilder().statementTimeout(options.healthTimeout()).build();
    }

    public Health check() {
        long start = System.nanoTime();
        try {
            return Session.analyse(dataSource, options, "checking index health", s -> {
                List<Finding> findings = new ArrayList<>();
                List<String> checks = new ArrayList<>();
                for (IndexCheck check : IndexChecks.health()) {
                    if (check.appliesTo(s.dialect())) {
                        for (String schema : s.checkedSchemas()) {
                            findings.addAll(check.run(s.checkContext(schema)));
                        }
                        checks.add(check.id());
                    }
                }
                Health.Builder h = Health.builder("index").detail("schema", s.schema()).detail("checks", checks)
                        .detail("invalid_indexes", findings.size())
                        .detail("elapsed", java.time.Duration.ofNanos(System.nanoTime() - start));
                findings.forEach(h::finding);
                return h.build();
            });
        } catch (RuntimeException e) {
            String reason = io.dbopt.core.Redaction.redactDriverText(e);
            LOG.warn("index - health check failed: {}", reason);
            return Health.builder("index").status(HealthStatus.DOWN).detail("error", reason)
                    .detail("elapsed", java.time.Duration.ofNanos(System.nanoTime() - start)).build();
        }
    }
}
