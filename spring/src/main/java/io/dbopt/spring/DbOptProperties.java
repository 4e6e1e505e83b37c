package io.dbopt.spring;

import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings under {@code dbopt.*}: one {@code enabled} switch per module and how migrations are
 * checked on startup. Every other {@code dbopt.<section>.<key>} property is a key of {@link io.dbopt.core.config.DbOptConfig}
 * ({@code dbopt.pool.size} is {@code pool.size}), read by {@link SpringDbOptConfig}; they are listed in this artifact's
 * configuration metadata so that IDEs complete them. Mutable, as Spring binds it; not thread-safe while binding.
 */
@ConfigurationProperties(prefix = "dbopt")
public class DbOptProperties {

    /** Whether the starter configures anything at all. */
    private boolean enabled = true;
    private final ModuleSwitch pool = new ModuleSwitch();
    private final ModuleSwitch query = new ModuleSwitch();
    private final ModuleSwitch index = new ModuleSwitch();
    private final ModuleSwitch transaction = new ModuleSwitch();
    private final Migration migration = new Migration();
    private final ModuleSwitch bulk = new ModuleSwitch();
    private final ModuleSwitch json = new ModuleSwitch();
    private final ModuleSwitch health = new ModuleSwitch();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The pool module: adopts the application's HikariCP pool for metrics, health and sizing. */
    public ModuleSwitch getPool() {
        return pool;
    }

    /** The query module: the profiler around the application's data source. */
    public ModuleSwitch getQuery() {
        return query;
    }

    /** The index module: an {@code IndexManager} bean. */
    public ModuleSwitch getIndex() {
        return index;
    }

    /** The transaction module: a {@code TransactionManager} bean (dbopt's, not Spring's). */
    public ModuleSwitch getTransaction() {
        return transaction;
    }

    /** The migration module: lint (and optionally migrate) on startup. */
    public Migration getMigration() {
        return migration;
    }

    /** The bulk module: a {@code BulkOperationHandler} bean. */
    public ModuleSwitch getBulk() {
        return bulk;
    }

    /** The json module: a {@code JsonFieldOptimizer} bean. */
    public ModuleSwitch getJson() {
        return json;
    }

    /** The health module: the monitor behind the health indicator. */
    public ModuleSwitch getHealth() {
        return health;
    }

    /** The switch of one module. */
    public static class ModuleSwitch {

        /** Whether the starter configures this module. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** What the starter does with migrations on startup. */
    public static class Migration extends ModuleSwitch {

        /**
         * Who runs the migrations: {@code lint} checks the scripts and leaves migrating to Spring Boot's Flyway
         * auto-configuration (both coexist); {@code migrate} checks them and migrates with dbopt's migration
         * framework, and switches Spring Boot's Flyway auto-configuration off.
         */
        private MigrationMode mode = MigrationMode.LINT;

        /**
         * The migration sets, each read from {@code classpath:db/<set>} (with a dialect folder beneath, when present).
         * Empty: the lint checks {@code spring.flyway.locations} instead, and {@code migrate} needs at least one set.
         */
        private List<String> sets = new ArrayList<>();

        /** Whether the scripts are linted on startup. */
        private boolean lintOnStartup = true;

        /** A lint finding at this severity or above stops the application from starting. */
        private Severity failOn = Severity.ERROR;

        public MigrationMode getMode() {
            return mode;
        }

        public void setMode(MigrationMode mode) {
            this.mode = mode;
        }

        public List<String> getSets() {
            return sets;
        }

        public void setSets(List<String> sets) {
            this.sets = new ArrayList<>(sets);
        }

        public boolean isLintOnStartup() {
            return lintOnStartup;
        }

        public void setLintOnStartup(boolean lintOnStartup) {
            this.lintOnStartup = lintOnStartup;
        }

        public Severity getFailOn() {
            return failOn;
        }

        public void setFailOn(Severity failOn) {
            this.failOn = failOn;
        }
    }

    /** Who runs the migrations on startup. */
    public enum MigrationMode {
        /** dbopt lints; Spring Boot's Flyway auto-configuration (when present) migrates. */
        LINT,
        /** dbopt lints and migrates its migration sets; Spring Boot's Flyway auto-configuration is switched off. */
        MIGRATE
    }
}
