package io.dbopt.health.check;

import io.dbopt.core.component.Health;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.RowMapper;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the checks share: loading and running their query under the time limit, grading a value, formatting. */
final class CheckSupport {

    private CheckSupport() {
    }

    static <T> List<T> query(CheckContext ctx, String name, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return Jdbc.query(ctx.connection(), ctx.statementTimeout(), SqlResource.load("health", ctx.dialect(), name),
                mapper, params);
    }

    /** WARNING at {@code warn} or more, ERROR at {@code error} or more, nothing below. */
    static Optional<Severity> grade(double value, double warn, double error) {
        if (value >= error) {
            return Optional.of(Severity.ERROR);
        }
        return value >= warn ? Optional.of(Severity.WARNING) : Optional.empty();
    }

    /** A result builder named after the check, noting what the checker could not see. */
    static Health.Builder builder(CheckKind kind, CheckContext ctx, boolean needsAllSessions) {
        Health.Builder b = Health.builder(kind.id());
        if (needsAllSessions) {
            ctx.visibility().limitation().ifPresent(l -> b.detail("limited", l));
        }
        return b;
    }

    static String seconds(double seconds) {
        return seconds >= 100 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / (double) (1L << 10));
        }
        return bytes + " B";
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
