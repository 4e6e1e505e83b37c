package io.dbopt.migration.execution;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.Revision;
import io.dbopt.migration.RevisionState;
import io.dbopt.migration.SetRevisions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What a migrate needs to plan, read once for all sets on one connection: each history table's applied and failed
 * versions (one query per set) and the versioned scripts of the set's locations. Cheaper than a
 * {@code Flyway.info()} per set, which {@link io.dbopt.migration.history.RevisionTracker} keeps for reports; it
 * tells applied, failed and pending only, and leaves checksum drift and ignored versions to Flyway's own validation
 * when each step migrates. Stateless.
 */
final class PlanningRevisions {

    private PlanningRevisions() {
    }

    static List<SetRevisions> read(DataSource dataSource, Dialect dialect, List<MigrationSet> sets,
                                   Function<String, ScriptLocator> locators, Duration timeout) {
        return Jdbc.withConnection(dataSource, "reading the migration history", c -> {
            Set<String> histories = new HashSet<>(Jdbc.query(c, timeout,
                    SqlResource.load("migration", dialect, "history-tables"), rs -> rs.getString(1)));
            List<SetRevisions> result = new ArrayList<>();
            for (MigrationSet set : sets) {
                result.add(read(c, dialect, set, histories.contains(set.historyTable()), locators.apply(set.name()),
                        timeout));
            }
            return result;
        });
    }

    private static SetRevisions read(Connection c, Dialect dialect, MigrationSet set, boolean exists,
                                     ScriptLocator locator, Duration timeout) throws SQLException {
        Map<MigrationVersion, Revision> byVersion = new LinkedHashMap<>();
        MigrationVersion baseline = MigrationVersion.EMPTY;
        if (exists) {
            for (Object[] row : Jdbc.query(c, timeout, "SELECT version, description, script, success, type FROM "
                    + dialect.quote(set.historyTable()) + " WHERE version IS NOT NULL ORDER BY installed_rank",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5)})) {
                MigrationVersion v = MigrationVersion.fromVersion((String) row[0]);
                if ("BASELINE".equals(row[4]) || "SCHEMA".equals(row[4])) {
                    baseline = v.compareTo(baseline) > 0 ? v : baseline;
                    continue;
                }
                byVersion.put(v, new Revision(set.name(), v.getVersion(), (String) row[1], (String) row[2],
                        (Boolean) row[3] ? RevisionState.APPLIED : RevisionState.FAILED, Optional.empty()));
            }
        }
        for (ScriptLocator.ScriptFile file : locator.list()) {
            Optional<MigrationVersion> version = MigrationHealth.versionOf(file.name());
            if (version.isEmpty() || byVersion.containsKey(version.get()) || version.get().compareTo(baseline) <= 0) {
                continue;
            }
            byVersion.put(version.get(), new Revision(set.name(), version.get().getVersion(),
                    description(file.name()), file.path(), RevisionState.PENDING, Optional.empty()));
        }
        List<Revision> revisions = byVersion.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        return new SetRevisions(set.name(), set.historyTable(), revisions);
    }

    /** Flyway's description of a script name: {@code V2_1__add_teams.sql} is {@code add teams}. */
    private static String description(String fileName) {
        int sep = fileName.indexOf("__");
        String rest = sep < 0 ? fileName : fileName.substring(sep + 2);
        int dot = rest.lastIndexOf('.');
        return (dot < 0 ? rest : rest.substring(0, dot)).replace('_', ' ');
    }
}
