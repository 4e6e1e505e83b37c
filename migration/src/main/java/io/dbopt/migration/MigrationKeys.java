package io.dbopt.migration;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every setting of dbopt-migration (section {@code migration}), read from a {@link io.dbopt.core.config.DbOptConfig}
 * by {@link MigrationFramework#create(io.dbopt.core.config.DbOptConfig)} and
 * {@link MigrationFramework.Builder#config(io.dbopt.core.config.DbOptConfig)}. The defaults here are the builder's
 * defaults: there are no others. Stateless; found by {@link java.util.ServiceLoader}.
 */
public final class MigrationKeys implements ConfigSchema {

    /** The migration sets and their locations. */
    public static final ConfigKey<List<String>> SETS = ConfigKey.list("migration.sets").defaultValue(List.of())
            .defaultText("(none)")
            .description("The migration sets, each NAME=LOCATION (core=classpath:db/core, "
                    + "billing=filesystem:/opt/app/db/billing); a name given twice gets both locations. The order "
                    + "breaks ties in the plan. Sets added with the builder's set(...) come first.")
            .build();

    /** Requirements between the sets. */
    public static final ConfigKey<List<String>> REQUIRES = ConfigKey.list("migration.requires")
            .defaultValue(List.of()).defaultText("(none)")
            .description("Requirements between sets, each SET=OTHER:VERSION (documents=core:2): SET's first "
                    + "migration runs only once OTHER is at VERSION.")
            .build();

    /** How long a migration statement may wait for a table lock. */
    public static final ConfigKey<Duration> LOCK_TIMEOUT = ConfigKey.duration("migration.lock_timeout",
                    ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(10)).positive()
            .description("How long a migration statement may wait for a table lock before failing (PostgreSQL "
                    + "lock_timeout, MariaDB lock_wait_timeout in whole seconds); a waiting DDL blocks every query "
                    + "queued behind it, so keep it short and retry.")
            .build();

    /** How long to wait for another migrator's history lock. */
    public static final ConfigKey<Duration> LOCK_WAIT = ConfigKey.duration("migration.lock_wait", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(60)).positive()
            .description("How long a migrator waits for another instance's history-table lock before failing with "
                    + "a HISTORY_LOCKED error.")
            .build();

    /** The name of dbopt's state table. */
    public static final ConfigKey<String> STATE_TABLE = ConfigKey.string("migration.state_table")
            .defaultValue("dbopt_migration_state")
            .check(v -> v.matches("[a-z][a-z0-9_]{0,62}"), "a lower case name of letters, digits and underscores, "
                    + "at most 63 characters")
            .description("The table where dbopt keeps each migration's pre-migration snapshot, generated undo and "
                    + "kept rows.")
            .build();

    /** Whether each migration's pre-migration snapshot and generated undo are kept. */
    public static final ConfigKey<Boolean> PRESERVE_STATE = ConfigKey.bool("migration.preserve_state")
            .defaultValue(true)
            .description("Keep each migration's schema state and generated undo, needed for generated rollbacks; "
                    + "non-transactional migrations keep theirs regardless, for compensation.")
            .build();

    /** Keep rows a migration loses, for tables up to this many rows. */
    public static final ConfigKey<Long> PRESERVE_DATA_ROWS = ConfigKey.longValue("migration.preserve_data_rows")
            .defaultValue(0L).range(0, Long.MAX_VALUE)
            .description("Before a migration that drops a table or column or changes rows of an existing table, "
                    + "copy each such table with a primary key and at most this many rows into the state table, so "
                    + "rollback can put the rows back. 0 (off) by default: the copy holds application data until "
                    + "the migration is rolled back.")
            .build();

    /** Refuse to migrate when lint finds a problem at or above this severity. */
    public static final ConfigKey<Severity> LINT_FAIL_ON = ConfigKey.enumValue("migration.lint_fail_on",
                    Severity.class)
            .defaultText("(none: lint does not block)")
            .description("Refuse to migrate when lint finds a problem at or above this severity in a pending "
                    + "script (info, warning, error, critical); unset, lint only reports.")
            .build();

    /** Flyway placeholders. */
    public static final ConfigKey<List<String>> PLACEHOLDERS = ConfigKey.list("migration.placeholders")
            .defaultValue(List.of()).defaultText("(none)")
            .description("Flyway placeholders, each NAME=VALUE, written ${NAME} in scripts.")
            .build();

    /** Time limit of each catalog query the health check runs. */
    public static final ConfigKey<Duration> HEALTH_TIMEOUT = ConfigKey.duration("migration.health_timeout",
                    ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(5)).positive()
            .description("Time limit of each query behind MigrationFramework.healthCheck() (history tables, lock "
                    + "holders; past it the check answers DOWN) and of the history reads that plan a migrate.")
            .build();

    private static final List<ConfigKey<?>> ALL = List.of(SETS, REQUIRES, LOCK_TIMEOUT, LOCK_WAIT, STATE_TABLE,
            PRESERVE_STATE, PRESERVE_DATA_ROWS, LINT_FAIL_ON, PLACEHOLDERS, HEALTH_TIMEOUT);

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public MigrationKeys() {
        // stateless
    }

    @Override
    public String module() {
        return "dbopt-migration";
    }

    @Override
    public List<String> sections() {
        return List.of("migration");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return ALL;
    }
}
