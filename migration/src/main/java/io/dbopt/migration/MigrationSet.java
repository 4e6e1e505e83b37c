package io.dbopt.migration;

import io.dbopt.core.DbOptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One plugin's migrations: a name, the Flyway locations of its scripts and the sets (at versions) it requires.
 * Each set keeps its own Flyway history table, {@code flyway_schema_history_<name>} unless named otherwise.
 * A location may contain {@code {dialect}}, replaced by {@code postgresql} or {@code mariadb}, so one set can keep
 * a script folder per server. Immutable.
 *
 * <pre>{@code
 * MigrationSet documents = MigrationSet.builder("documents")
 *     .location("classpath:db/plugins/documents/{dialect}")
 *     .requires("core", "2")
 *     .requires("projects", "1")
 *     .build();
 * }</pre>
 */
public final class MigrationSet {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final String name;
    private final List<String> locations;
    private final List<Requirement> requirements;
    private final Optional<String> historyTable;

    private MigrationSet(Builder b) {
        this.name = b.name;
        this.locations = List.copyOf(b.locations);
        this.requirements = List.copyOf(b.requirements);
        this.historyTable = Optional.ofNullable(b.historyTable);
    }

    /** Starts a set; the name is lower case letters, digits and underscores, at most 30 characters. */
    public static Builder builder(String name) {
        return new Builder(requireName(name));
    }

    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "Migration set name '" + name
                    + "' must be lower case letters, digits and underscores, starting with a letter, at most 30 long");
        }
        return name;
    }

    public static String requireVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "Version '" + version
                    + "' must be digits separated by dots, as in a script name V2__x.sql (write 2, not V2)");
        }
        return version;
    }

    /** The set's name. */
    public String name() {
        return name;
    }

    /** The Flyway locations of its scripts, {@code {dialect}} not yet replaced. */
    public List<String> locations() {
        return locations;
    }

    /** The sets it requires. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** The history table name, or the default {@code flyway_schema_history_<name>}. */
    public String historyTable() {
        return historyTable.orElse("flyway_schema_history_" + name);
    }

    /** The locations for a dialect folder ({@code postgresql} or {@code mariadb}). */
    public List<String> locationsFor(String dialectFolder) {
        return locations.stream().map(l -> l.replace("{dialect}", dialectFolder)).toList();
    }

    @Override
    public String toString() {
        return name + locations + (requirements.isEmpty() ? "" : " requires " + requirements);
    }

    /** Configures a {@link MigrationSet}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<String> locations = new ArrayList<>();
        private final List<Requirement> requirements = new ArrayList<>();
        private String historyTable;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a Flyway location: {@code classpath:db/core}, {@code filesystem:/opt/app/db/core}; a bare path is a
         * class path location.
         */
        public Builder location(String location) {
            if (location == null || location.isBlank()) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "Migration set " + name
                        + " got a blank location: pass classpath:<folder> or filesystem:<path>");
            }
            locations.add(location.strip());
            return this;
        }

        /** Requires {@code set} to be at {@code version} before this set's first migration runs. */
        public Builder requires(String set, String version) {
            requirements.add(new Requirement(set, version, Optional.empty()));
            return this;
        }

        /** Requires {@code set} to be at {@code version} before this set's migration {@code fromVersion} runs. */
        public Builder requires(String set, String version, String fromVersion) {
            requirements.add(new Requirement(set, version, Optional.of(fromVersion)));
            return this;
        }

        /** Uses an existing history table, e.g. {@code flyway_schema_history} for a set adopted from plain Flyway. */
        public Builder historyTable(String table) {
            if (table == null || !NAME.matcher(table).matches() && !table.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "History table '" + table
                        + "' of set " + name + " must be a lower case name of letters, digits and underscores");
            }
            this.historyTable = table;
            return this;
        }

        /** Builds the set; fails when it has no location or requires itself. */
        public MigrationSet build() {
            if (locations.isEmpty()) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "Migration set " + name
                        + " has no location: add .location(\"classpath:db/" + name + "\")");
            }
            for (Requirement r : requirements) {
                if (r.set().equals(name)) {
                    throw new DbOptException(MigrationErrorCode.DEPENDENCY_CYCLE, "Migration set " + name
                            + " requires itself (" + r + "): remove that requirement");
                }
            }
            Objects.requireNonNull(name);
            return new MigrationSet(this);
        }
    }
}
