package io.dbopt.migration.script;

import io.dbopt.core.finding.Severity;
import java.util.Objects;

/**
 * What a lint rule checks and why, for documentation and {@code dbopt lint --rules}.
 *
 * @param id the check id findings carry, e.g. {@code migration.non-concurrent-index}
 * @param severity the default severity
 * @param postgres whether the rule runs for PostgreSQL scripts
 * @param mariaDb whether the rule runs for MariaDB scripts
 * @param reason why the pattern is unsafe
 * @param safeAlternative what to write instead
 */
public record RuleInfo(String id, Severity severity, boolean postgres, boolean mariaDb, String reason,
                       String safeAlternative) {

    /** Validates. */
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
    }

    static RuleInfo postgres(String id, Severity severity, String reason, String alternative) {
        return new RuleInfo(id, severity, true, false, reason, alternative);
    }

    static RuleInfo mariaDb(String id, Severity severity, String reason, String alternative) {
        return new RuleInfo(id, severity, false, true, reason, alternative);
    }

    static RuleInfo both(String id, Severity severity, String reason, String alternative) {
        return new RuleInfo(id, severity, true, true, reason, alternative);
    }
}
