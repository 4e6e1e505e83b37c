package io.dbopt.migration.execution;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.migration.history.HistoryLock;
import io.dbopt.migration.lint.MigrationValidator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.execution.ScriptLocator;
import io.dbopt.migration.rollback.StateStore;

/**
 * The health of the migrated schema, read straight from the history tables with a time limit on every query (no
 * Flyway call): DOWN for a migration recorded as failed or left half-applied, DEGRADED for pending migrations,
 * pending scripts with lint errors and a history lock held by another session (a migration in progress), else UP.
 * Never throws: a failure to read is DOWN. Thread-safe.
 */
final class MigrationHealth {

    private static final String MODULE = "migration";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<MigrationSet> sets;
    private final Map<String, ScriptLocator> locators;
    private final String stateTable;
    private final Duration timeout;

    MigrationHealth(DataSource dataSource, Dialect dialect, List<MigrationSet> sets, Map<String, ScriptLocator> locators,
                    String stateTable, Duration timeout) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sets = sets;
        this.locators = locators;
        this.stateTable = stateTable;
        this.timeout = timeout;
    }

    Health check() {
        Health.Builder health = Health.builder("migration");
        try (Connection c = dataSource.getConnection()) {
            String schema = Jdbc.query(c, timeout, dialect.currentSchemaQuery(), rs -> rs.getString(1)).stream()
                    .findFirst().orElse("");
            Set<String> histories = new HashSet<>(Jdbc.query(c, timeout,
                    SqlResource.load(MODULE, dialect, "history-tables"), rs -> rs.getString(1)));
            long pendingTotal = 0;
            List<ScriptLocator.ScriptFile> pendingScripts = new ArrayList<>();
            for (MigrationSet set : sets) {
                pendingTotal += set(c, schema, set, histories.contains(set.historyTable()), health, pendingScripts);
            }
            health.detail("pending", pendingTotal);
            partiallyApplied(c, health);
            lint(pendingScripts, health);
        } catch (SQLException | RuntimeException e) {
            return Health.builder("migration").status(io.dbopt.core.component.HealthStatus.DOWN)
                    .detail("error", SqlErrors.classify(e) + ": " + Redaction.redactText(firstLine(e.getMessage())))
                    .build();
        }
        return health.build();
    }

    /** One set's failed rows, pending scripts and lock; returns how many migrations are pending. */
    private long set(Connection c, String schema, MigrationSet set, boolean exists, Health.Builder health,
                     List<ScriptLocator.ScriptFile> pendingScripts) throws SQLException {
        Set<MigrationVersion> applied = new HashSet<>();
        MigrationVersion baseline = MigrationVersion.EMPTY;
        if (exists) {
            for (Object[] row : Jdbc.query(c, timeout, "SELECT version, script, success, type FROM "
                    + dialect.quote(set.historyTable()) + " WHERE version IS NOT NULL AND type <> 'SCHEMA'",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)})) {
                MigrationVersion version = MigrationVersion.fromVersion((String) row[0]);
                if ("BASELINE".equals(row[3])) {
                    baseline = version.compareTo(baseline) > 0 ? version : baseline;
                } else if ((Boolean) row[2]) {
                    applied.add(version);
                } else {
                    health.finding(Finding.builder("migration.failed", Severity.CRITICAL)
                            .object(DbObject.of(ObjectType.MIGRATION, set.name() + ":" + row[1]))
                            .message("Migration " + row[1] + " of set " + set.name() + " is recorded as failed")
                            .fix(Fix.advice("restore the schema to before it, delete the failed history row, fix "
                                    + "the script and migrate again"))
                            .build());
                }
            }
        }
        long pending = 0;
        for (ScriptLocator.ScriptFile file : locators.get(set.name()).list()) {
            Optional<MigrationVersion> version = versionOf(file.name());
            if (version.isPresent() && !applied.contains(version.get())
                    && version.get().compareTo(baseline) > 0) {
                pending++;
                pendingScripts.add(new ScriptLocator.ScriptFile(file.name(), set.name() + "/" + file.path(), file.text()));
            }
        }
        if (pending > 0) {
            health.finding(Finding.builder("migration.pending", Severity.WARNING)
                    .object(DbObject.of(ObjectType.MIGRATION, set.name()))
                    .message(pending + " migration(s) of set " + set.name() + " are not applied yet")
                    .fix(Fix.advice("run dbopt migrate (or MigrationFramework.migrate())"))
                    .build());
        }
        Optional<String> holder = lockHolder(c, schema, set.historyTable());
        holder.ifPresent(session -> health.finding(Finding.builder("migration.in-progress", Severity.WARNING)
                .object(DbObject.of(ObjectType.MIGRATION, set.name()))
                .message("Session " + session + " holds the history lock of set " + set.name()
                        + ": a migration is in progress")
                .fix(Fix.advice("wait for it; if that session is stuck, end it (pg_terminate_backend / KILL)"))
                .build()));
        health.detail(set.name() + ".applied", applied.size());
        health.detail(set.name() + ".pending", pending);
        return pending;
    }

    /**
     * The session holding Flyway's lock on a history table, if any. PostgreSQL's advisory locks belong to one
     * database, and every database's history table has the same key: only this database's lock counts. MariaDB's
     * lock name holds the database's name.
     */
    private Optional<String> lockHolder(Connection c, String schema, String table) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            return Jdbc.query(c, timeout, "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                    + "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = ? AND pid <> pg_backend_pid()",
                    rs -> rs.getString(1), HistoryLock.postgresKey(schema, table)).stream().findFirst();
        }
        return Jdbc.query(c, timeout, "SELECT IS_USED_LOCK(?)", rs -> rs.getString(1),
                HistoryLock.mariaDbName(schema, table)).stream().filter(s -> s != null).findFirst();
    }

    private void partiallyApplied(Connection c, Health.Builder health) throws SQLException {
        long exists = Jdbc.query(c, timeout, SqlResource.load(MODULE, dialect, "state-table"), rs -> rs.getLong(1),
                stateTable).get(0);
        if (exists == 0) {
            return;
        }
        for (String[] row : Jdbc.query(c, timeout, "SELECT DISTINCT set_name, version FROM " + dialect.quote(stateTable)
                + " WHERE kind = ?", rs -> new String[] {rs.getString(1), rs.getString(2)},
                StateStore.Kind.PROGRESS.key())) {
            health.finding(Finding.builder("migration.partially-applied", Severity.CRITICAL)
                    .object(DbObject.of(ObjectType.MIGRATION, row[0] + ":V" + row[1]))
                    .message("Migration " + row[0] + " V" + row[1] + " was left half-applied by a migrator that "
                            + "stopped mid-way")
                    .fix(Fix.advice("run dbopt migrate: it compensates the applied statements, then runs the "
                            + "migration again"))
                    .build());
        }
    }

    /** Lint errors in pending scripts, without reading the live schema. */
    private void lint(List<ScriptLocator.ScriptFile> pendingScripts, Health.Builder health) {
        if (pendingScripts.isEmpty()) {
            return;
        }
        MigrationValidator validator = MigrationValidator.builder(dialect).assumeLockTimeout(true).build();
        LintResult result = LintResult.empty();
        for (ScriptLocator.ScriptFile script : pendingScripts) {
            result = result.plus(validator.lint(script.path(), script.text()));
        }
        long errors = result.findings().stream().filter(f -> f.severity().isAtLeast(Severity.ERROR)).count();
        health.detail("pending_lint_errors", errors);
        if (errors > 0) {
            health.finding(Finding.builder("migration.lint", Severity.ERROR)
                    .object(DbObject.of(ObjectType.MIGRATION, "pending migrations"))
                    .message(errors + " lint finding(s) at error or above in pending migrations")
                    .fix(Fix.advice("run dbopt lint on the migration folders and fix or suppress each"))
                    .build());
        }
    }

    /** The version of a versioned migration script ({@code V2_1__name.sql}); empty for undo and repeatable ones. */
    static Optional<MigrationVersion> versionOf(String fileName) {
        if (!fileName.startsWith("V")) {
            return Optional.empty();
        }
        int sep = fileName.indexOf("__");
        if (sep < 2) {
            return Optional.empty();
        }
        return Optional.of(MigrationVersion.fromVersion(fileName.substring(1, sep)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
