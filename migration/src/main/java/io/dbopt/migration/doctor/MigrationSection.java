package io.dbopt.migration.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The doctor's "Migrations" section: every Flyway history table of the current schema with its applied and
 * failed migrations ({@code migration.failed}), migrations a dead migrator left half-applied in dbopt's state table
 * ({@code migration.partially-applied}), and on PostgreSQL constraints added NOT VALID and never validated
 * ({@code migration.unvalidated-constraint}). INVALID indexes (left by failed concurrent builds) are the index
 * module's finding ({@code index.invalid}), reported once by its section. Reads catalogs and small tables only.
 */
public final class MigrationSection implements DoctorSection {

    private static final String MODULE = "migration";
    private static final String STATE_TABLE = "dbopt_migration_state";

    @Override
    public String title() {
        return "Migrations";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public ReportSection run(DoctorContext context) throws SQLException {
        Dialect dialect = context.dialect();
        Duration timeout = context.statementTimeout();
        List<ReportSection.Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try (Connection c = context.dataSource().getConnection()) {
            List<String> histories = Jdbc.query(c, timeout, SqlResource.load(MODULE, dialect, "history-tables"),
                    rs -> rs.getString(1));
            if (histories.isEmpty()) {
                facts.add(new ReportSection.Fact("history tables", "none (no Flyway migrations in this schema)"));
            }
            for (String history : histories) {
                history(c, dialect, timeout, history, facts, findings);
            }
            long state = Jdbc.query(c, timeout, SqlResource.load(MODULE, dialect, "state-table"), rs -> rs.getLong(1),
                    STATE_TABLE).get(0);
            if (state > 0) {
                for (String[] row : Jdbc.query(c, timeout, "SELECT DISTINCT set_name, version FROM "
                        + dialect.quote(STATE_TABLE) + " WHERE kind = 'progress'", rs -> new String[] {rs.getString(1),
                        rs.getString(2)})) {
                    findings.add(Finding.builder("migration.partially-applied", Severity.CRITICAL)
                            .object(DbObject.of(ObjectType.MIGRATION, row[0] + ":V" + row[1]))
                            .message("Migration " + row[0] + " V" + row[1] + " was left half-applied by a migrator "
                                    + "that stopped mid-way")
                            .fix(Fix.advice("run dbopt migrate: it compensates the applied statements, then runs the "
                                    + "migration again"))
                            .build());
                }
            }
            if (dialect instanceof PostgresDialect) {
                postgres(c, dialect, timeout, findings);
            }
        }
        return ReportSection.of(title(), facts, findings);
    }

    private static void history(Connection c, Dialect dialect, Duration timeout, String history,
                                List<ReportSection.Fact> facts, List<Finding> findings) throws SQLException {
        List<Object[]> rows = Jdbc.query(c, timeout, "SELECT version, script, success FROM " + dialect.quote(history)
                        + " WHERE type <> 'BASELINE' ORDER BY installed_rank",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3)});
        long applied = rows.stream().filter(r -> (Boolean) r[2]).count();
        String latest = rows.stream().filter(r -> (Boolean) r[2] && r[0] != null).map(r -> (String) r[0])
                .reduce((a, b) -> b).orElse("none");
        facts.add(new ReportSection.Fact(history, applied + " applied, latest V" + latest));
        for (Object[] r : rows) {
            if (!(Boolean) r[2]) {
                findings.add(Finding.builder("migration.failed", Severity.CRITICAL)
                        .object(DbObject.of(ObjectType.MIGRATION, history + ":" + r[1]))
                        .message("Migration " + r[1] + " is recorded as failed in " + history)
                        .fix(Fix.advice("restore the schema to before it (dbopt migrate compensates when it ran the "
                                + "migration), delete the failed row, fix the script and migrate again"))
                        .build());
            }
        }
    }

    private static void postgres(Connection c, Dialect dialect, Duration timeout, List<Finding> findings)
            throws SQLException {
        for (String[] r : Jdbc.query(c, timeout, SqlResource.load(MODULE, dialect, "not-valid-constraints"),
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            findings.add(Finding.builder("migration.unvalidated-constraint", Severity.WARNING)
                    .object(DbObject.of(ObjectType.CONSTRAINT, r[0] + "." + r[1]))
                    .message("Constraint " + r[1] + " on " + r[0] + " was added NOT VALID and never validated: "
                            + "existing rows are not checked")
                    .fix(Fix.sql("validate it (takes no write-blocking lock)", "ALTER TABLE " + dialect.quote(r[0])
                            + " VALIDATE CONSTRAINT " + dialect.quote(r[1])))
                    .build());
        }
    }
}
