package io.dbopt.migration.lint;

import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a lint rule checks and why, for documentation and {@code dbopt lint --rules}: its severity, the servers it
 * runs for, the counterparts in squawk and strong_migrations it covers, and where its docs section is.
 *
 * @param id the check id findings carry, e.g. {@code migration.non-concurrent-index}
 * @param severity the default severity
 * @param postgres whether the rule runs for PostgreSQL scripts
 * @param mariaDb whether the rule runs for MariaDB scripts
 * @param reason why the pattern is unsafe
 * @param safeAlternative what to write instead
 * @param squawk the squawk rules this rule covers (same or stricter meaning), e.g. {@code require-concurrent-index-creation}
 * @param strongMigrations the strong_migrations checks it covers, e.g. {@code add_index}
 * @param optIn whether the rule runs only when enabled ({@link MigrationValidator.Builder#enable(String)})
 */
public record RuleInfo(String id, Severity severity, boolean postgres, boolean mariaDb, String reason,
                       String safeAlternative, List<String> squawk, List<String> strongMigrations, boolean optIn) {

    /** Validates and copies. */
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
        squawk = List.copyOf(squawk);
        strongMigrations = List.copyOf(strongMigrations);
    }

    static RuleInfo postgres(String id, Severity severity, String reason, String alternative) {
        return new RuleInfo(id, severity, true, false, reason, alternative, List.of(), List.of(), false);
    }

    static RuleInfo mariaDb(String id, Severity severity, String reason, String alternative) {
        return new RuleInfo(id, severity, false, true, reason, alternative, List.of(), List.of(), false);
    }

    static RuleInfo both(String id, Severity severity, String reason, String alternative) {
        return new RuleInfo(id, severity, true, true, reason, alternative, List.of(), List.of(), false);
    }

    /** A copy that also names squawk rules it covers. */
    RuleInfo squawk(String... names) {
        List<String> all = new ArrayList<>(squawk);
        all.addAll(List.of(names));
        return new RuleInfo(id, severity, postgres, mariaDb, reason, safeAlternative, all, strongMigrations, optIn);
    }

    /** A copy that also names strong_migrations checks it covers. */
    RuleInfo strongMigrations(String... names) {
        List<String> all = new ArrayList<>(strongMigrations);
        all.addAll(List.of(names));
        return new RuleInfo(id, severity, postgres, mariaDb, reason, safeAlternative, squawk, all, optIn);
    }

    /** A copy that runs only when enabled. */
    RuleInfo asOptIn() {
        return new RuleInfo(id, severity, postgres, mariaDb, reason, safeAlternative, squawk, strongMigrations, true);
    }

    /** The id without the {@code migration.} prefix, as suppressions and docs anchors write it. */
    public String shortId() {
        return id.startsWith("migration.") ? id.substring("migration.".length()) : id;
    }

    /** The rule's section of the migration docs, {@code docs/migration.md#non-concurrent-index}. */
    public String docs() {
        return "docs/migration.md#" + shortId();
    }

    /** Whether the rule runs for scripts of this server. */
    public boolean appliesTo(boolean mariaDbScript) {
        return mariaDbScript ? mariaDb : postgres;
    }
}
