package io.dbopt.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import io.dbopt.migration.history.HistoryLock;

/** The framework as a component: built from the configuration, with metrics and a health check on both servers. */
@DbTest
@Timeout(90)
class MigrationComponentIT {

    private static DbOptConfig config(String... more) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("migration.sets", "core=classpath:db/plugins/core/{dialect}, "
                + "projects=classpath:db/plugins/projects/{dialect}");
        map.put("migration.requires", "projects=core:2");
        map.put("migration.lock_timeout", "5s");
        map.put("migration.health_timeout", "3s");
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i], more[i + 1]);
        }
        return DbOptConfig.of(map);
    }

    private static java.util.List<String> checks(Health h) {
        return h.findings().stream().map(Finding::check).map(Object::toString).toList();
    }

    @DialectTest
    void healthFollowsPendingAppliedLockedAndFailedMigrations(TestDatabase db, TestDialect which) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MigrationFramework f = MigrationFramework.configure().config(config()).dataSource(db.dataSource())
                .meterRegistry(registry).load()) {
            assertThat(f.setNames()).containsExactly("core", "projects");

            Health pending = f.healthCheck();
            assertThat(pending.status()).as("%s", pending).isEqualTo(HealthStatus.DEGRADED);
            assertThat(checks(pending)).containsOnly("migration.pending");
            assertThat(pending.details()).containsEntry("pending", 4L);

            f.migrate();
            Health migrated = f.healthCheck();
            assertThat(migrated.status()).as("%s", migrated).isEqualTo(HealthStatus.UP);
            assertThat(migrated.details()).containsEntry("core.applied", 2).containsEntry("pending", 0L);

            // another session holds the set's history lock: a migration is in progress
            String table = f.set("core").historyTable();
            try (Connection other = db.connection()) {
                String schema = Jdbc.queryFirst(other, f.dialect().currentSchemaQuery(), rs -> rs.getString(1))
                        .orElseThrow();
                try (HistoryLock lock = HistoryLock.acquire(other, f.dialect(), schema, table,
                        java.time.Duration.ofSeconds(5))) {
                    Health locked = f.healthCheck();
                    assertThat(locked.status()).isEqualTo(HealthStatus.DEGRADED);
                    assertThat(checks(locked)).containsExactly("migration.in-progress");
                }
            }
            assertThat(f.healthCheck().status()).isEqualTo(HealthStatus.UP);

            f.rollback("projects", RollbackTarget.count(1));
            db.execute("INSERT INTO " + table + " (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (99, '3', 'broken', 'SQL', 'V3__broken.sql', 0, "
                    + "'test', 0, " + (which == TestDialect.POSTGRESQL ? "false" : "0") + ")");
            Health failed = f.healthCheck();
            assertThat(failed.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(checks(failed)).contains("migration.failed", "migration.pending");

            MigrationMetrics m = f.metrics();
            assertThat(m.applied()).isEqualTo(4);
            assertThat(m.rolledBack()).isEqualTo(1);
            assertThat(m.failed()).isZero();
            assertThat(m.healthChecks()).isEqualTo(5);
            assertThat(m.values()).containsEntry("applied", 4L);
            assertThat(registry.get(MigrationMeters.APPLIED).tag("set", "core").counter().count()).isEqualTo(2.0);
            assertThat(registry.get(MigrationMeters.DURATION).tag("outcome", "applied").timer().count())
                    .isEqualTo(4);
            assertThat(registry.get(MigrationMeters.HEALTH_CHECKS).tag("status", "down").counter().count())
                    .isEqualTo(1.0);

            db.execute("DELETE FROM " + table + " WHERE installed_rank = 99");
            f.rollback("projects", RollbackTarget.toVersion("0"));
            f.rollback("core", RollbackTarget.toVersion("0"));
        }
        assertThat(registry.getMeters()).as("meters removed at close").isEmpty();
    }

    /**
     * PostgreSQL's advisory locks belong to one database: a migrator of another database on the same server whose
     * history table has the same schema and name (every database's {@code public.flyway_schema_history}) holds the
     * same key there, and is no migration in progress here. The health check read pg_locks without the database
     * and reported one.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    void theSameHistoryLockInAnotherDatabaseIsNoMigrationInProgress(TestDatabase db) throws Exception {
        try (MigrationFramework f = MigrationFramework.configure().config(config()).dataSource(db.dataSource())
                .load()) {
            f.migrate();
            String table = f.set("core").historyTable();
            String elsewhere = db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
            String schema;
            try (Connection here = db.connection()) {
                schema = Jdbc.queryFirst(here, f.dialect().currentSchemaQuery(), rs -> rs.getString(1)).orElseThrow();
            }
            try (Connection other = java.sql.DriverManager.getConnection(elsewhere, db.user(), db.password());
                 HistoryLock lock = HistoryLock.acquire(other, f.dialect(), schema, table,
                         java.time.Duration.ofSeconds(5))) {
                assertThat(Jdbc.queryFirst(other, "SELECT current_database()", rs -> rs.getString(1)))
                        .contains("postgres");
                Health health = f.healthCheck();
                assertThat(checks(health)).doesNotContain("migration.in-progress");
                assertThat(health.status()).as("%s", health).isEqualTo(HealthStatus.UP);
            }
            f.rollback("projects", RollbackTarget.toVersion("0"));
            f.rollback("core", RollbackTarget.toVersion("0"));
        }
    }

    @DialectTest
    void opensAndClosesItsOwnDataSourceFromDatabaseUrl(TestDatabase db) {
        try (MigrationFramework f = MigrationFramework.create(config("database.url", db.jdbcUrl(),
                "database.user", db.user(), "database.password", db.password()))) {
            assertThat(f.migrate().appliedCount()).isEqualTo(4);
            assertThat(f.healthCheck().status()).isEqualTo(HealthStatus.UP);
            f.rollback("projects", RollbackTarget.toVersion("0"));
            f.rollback("core", RollbackTarget.toVersion("0"));
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void malformedSettingsNameTheKey(TestDatabase db) {
        assertThatThrownBy(() -> MigrationFramework.create(config("migration.sets", "core"), db.dataSource()))
                .isInstanceOf(DbOptException.class).hasMessageContaining("migration.sets")
                .hasMessageContaining("NAME=LOCATION");
        assertThatThrownBy(() -> config("migration.lock_timout", "5s")).isInstanceOf(DbOptException.class)
                .hasMessageContaining("migration.lock_timeout");
        assertThatThrownBy(() -> config("migration.lint_fail_on", "loud")).isInstanceOf(DbOptException.class)
                .hasMessageContaining("warning");
    }
}
