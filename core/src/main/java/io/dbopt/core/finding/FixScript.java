package io.dbopt.core.finding;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Every SQL fix of a report as one ordered, reviewable migration script: drops first (a duplicate goes before the
 * index that replaces it is built), then changes to existing objects, then creates; each statement once; each step
 * with a comment saying which finding it fixes and what it locks, and a lock timeout so that no step queues the
 * application behind it. No transaction wraps the script: {@code CREATE INDEX CONCURRENTLY} cannot run inside one.
 * Findings whose fix is advice only are listed at the end as comments. Stateless and thread-safe.
 */
public final class FixScript {

    private FixScript() {
    }

    /**
     * The script for the findings, in the dialect's syntax.
     *
     * @param findings the findings, e.g. {@link FindingsReport#findings()}
     * @param dialect the server the script is for (its lock-timeout statement and comment syntax)
     * @param lockTimeout how long each step may wait for its lock, at least one second
     * @param header the first comment lines (what the script is for; already redacted)
     */
    public static String write(List<Finding> findings, Dialect dialect, Duration lockTimeout, String header) {
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(dialect, "dialect");
        if (lockTimeout == null || lockTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("lockTimeout must be at least 1s, was " + lockTimeout);
        }
        // the statement that bounds lock waits is syntax, not a capability
        boolean pg = dialect instanceof PostgresDialect;
        String lock = pg ? "SET lock_timeout = '" + lockTimeout.toMillis() + "ms';"
                : "SET SESSION lock_wait_timeout = " + Math.max(1, lockTimeout.toSeconds()) + ";";
        List<Finding> drops = new ArrayList<>();
        List<Finding> changes = new ArrayList<>();
        List<Finding> creates = new ArrayList<>();
        List<Finding> advice = new ArrayList<>();
        for (Finding f : findings) {
            List<String> s = f.fix().statements();
            if (s.isEmpty()) {
                if (f.fix().isPresent()) {
                    advice.add(f);
                }
            } else if (s.stream().allMatch(FixScript::isDrop)) {
                drops.add(f);
            } else if (s.stream().allMatch(x -> upper(x).startsWith("CREATE "))) {
                creates.add(f);
            } else {
                changes.add(f);
            }
        }
        StringBuilder out = new StringBuilder();
        header.lines().forEach(l -> out.append("-- ").append(l).append('\n'));
        out.append("-- Run it statement by statement (psql -f / mariadb <), not inside a transaction:\n")
                .append("-- CONCURRENTLY and online DDL cannot run in one. Each step waits at most ").append(lockTimeout.toSeconds())
                .append(" s for its lock; a step that times out can be run again.\n");
        Set<String> written = new HashSet<>();
        int step = 0;
        for (List<Finding> phase : List.of(drops, changes, creates)) {
            for (Finding f : phase) {
                List<String> statements = f.fix().statements().stream()
                        .filter(x -> written.add(x.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)))
                        .toList();
                if (statements.isEmpty()) {
                    continue;
                }
                out.append('\n').append("-- step ").append(++step).append(": [")
                        .append(f.severity().name().toLowerCase(Locale.ROOT)).append("] ").append(f.check())
                        .append(' ').append(oneLine(f.object().name())).append('\n')
                        .append("-- ").append(oneLine(f.message())).append('\n')
                        .append("-- fix: ").append(oneLine(f.fix().description())).append('\n')
                        .append(lock).append('\n');
                for (String sql : statements) {
                    out.append(sql.strip()).append(sql.strip().endsWith(";") ? "" : ";").append('\n');
                }
            }
        }
        if (!advice.isEmpty()) {
            out.append("\n-- Findings without SQL (").append(advice.size()).append("): review and plan these\n");
            advice.forEach(f -> out.append("--   ").append(f.check()).append(' ').append(oneLine(f.object().name()))
                    .append(": ").append(oneLine(f.fix().description())).append('\n'));
        }
        if (step == 0) {
            out.append("\n-- No finding has an SQL fix.\n");
        }
        return io.dbopt.core.Redaction.redactText(out.toString());
    }

    private static boolean isDrop(String statement) {
        String s = upper(statement);
        return s.startsWith("DROP INDEX") || s.startsWith("ALTER TABLE") && (s.matches("(?s).* DROP CONSTRAINT \\S+$")
                || s.matches("(?s).* DROP FOREIGN KEY \\S+$")) || s.matches("(?s)ALTER TABLE \\S+ DROP INDEX \\S+.*")
                && !s.contains(" ADD ");
    }

    private static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
