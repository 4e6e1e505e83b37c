package io.dbopt.core.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The action plan of a report: the few findings whose fixes give the most ("Top actions"), each with its estimated
 * benefit and cost, and repeated findings of one check grouped with a count. Renderers show the plan first; the
 * JSON report keeps every finding as well. Stateless and thread-safe.
 *
 * <p>Ranking: severity first, then fixes with SQL before advice, then the estimated benefit read from the evidence
 * the checks give: {@code time_saved_ms} (statement time the fix saves over the statistics window), bytes freed
 * ({@code index_bytes} of an index a fix drops), rows at stake ({@code table_rows}).
 */
public final class ActionPlan {

    /** How many top actions the reports show. */
    public static final int TOP_ACTIONS = 5;

    /** From how many findings of one check in a section the reports show them as one group. */
    public static final int GROUP_FROM = 5;

    private ActionPlan() {
    }

    /**
     * One top action.
     *
     * @param rank 1 for the first
     * @param finding the finding whose fix this is
     * @param benefit what the fix gives, as evidence says it ("saves about 1.2 s of statement time")
     * @param cost what the fix costs (locks, build, rewrite), read from its statements
     */
    public record Action(int rank, Finding finding, String benefit, String cost) {
        /** Validates. */
        public Action {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(benefit, "benefit");
            Objects.requireNonNull(cost, "cost");
        }
    }

    /** One entry of a section in display order: a single finding or a group. */
    public sealed interface Item permits Single, Group {
    }

    /**
     * A finding shown on its own.
     *
     * @param finding the finding
     */
    public record Single(Finding finding) implements Item {
        /** Validates. */
        public Single {
            Objects.requireNonNull(finding, "finding");
        }
    }

    /**
     * Findings of one check shown together.
     *
     * @param check the check
     * @param severity the most urgent severity among them
     * @param findings every finding of the group, in report order
     */
    public record Group(CheckId check, Severity severity, List<Finding> findings) implements Item {
        /** Validates and copies. */
        public Group {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(severity, "severity");
            findings = List.copyOf(findings);
        }

        /** The first finding, shown as the example. */
        public Finding example() {
            return findings.get(0);
        }
    }

    /** The top actions of a report: findings with a fix, best first, at most {@code limit}. */
    public static List<Action> topActions(FindingsReport report, int limit) {
        List<Finding> candidates = new ArrayList<>();
        report.sections().forEach(s -> s.findings().stream().filter(f -> f.fix().isPresent()
                && f.severity().isAtLeast(Severity.WARNING)).forEach(candidates::add));
        candidates.sort(Comparator.comparing(Finding::severity).reversed()
                .thenComparing(f -> f.fix().statements().isEmpty())
                .thenComparing(Comparator.comparingDouble(ActionPlan::score).reversed()));
        List<Action> actions = new ArrayList<>();
        for (Finding f : candidates.subList(0, Math.min(limit, candidates.size()))) {
            actions.add(new Action(actions.size() + 1, f, benefit(f), cost(f)));
        }
        return actions;
    }

    /**
     * The section's findings in display order, one entry per finding or, for a check with at least
     * {@link #GROUP_FROM} findings, one group in the place of its first finding.
     */
    public static List<Item> grouped(ReportSection section) {
        Map<CheckId, List<Finding>> byCheck = new LinkedHashMap<>();
        section.findings().forEach(f -> byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f));
        List<Item> out = new ArrayList<>();
        for (Map.Entry<CheckId, List<Finding>> e : byCheck.entrySet()) {
            if (e.getValue().size() >= GROUP_FROM) {
                Severity worst = e.getValue().stream().map(Finding::severity).max(Comparator.naturalOrder())
                        .orElseThrow();
                out.add(new Group(e.getKey(), worst, e.getValue()));
            } else {
                e.getValue().forEach(x -> out.add(new Single(x)));
            }
        }
        return out;
    }

    static double score(Finding f) {
        return number(f, "time_saved_ms").orElse(0.0) * 1e6 + number(f, "index_bytes").orElse(0.0) / 1024
                + number(f, "table_rows").orElse(0.0) / 1e6;
    }

    static String benefit(Finding f) {
        List<String> parts = new ArrayList<>();
        number(f, "time_saved_ms").filter(v -> v > 0).ifPresent(v -> parts.add("saves about "
                + duration(v) + " of statement time (over the statistics window)"));
        number(f, "calls").filter(v -> v > 0).ifPresent(v -> parts.add(String.format(Locale.ROOT,
                "%.0f calls served", v)));
        if (f.fix().dropsIndex()) {
            number(f, "index_bytes").filter(v -> v > 0).ifPresent(v -> parts.add("frees " + bytes(v)));
        }
        number(f, "table_rows").filter(v -> v > 0).ifPresent(v -> parts.add(String.format(Locale.ROOT,
                "%.0f rows at stake", v)));
        if (parts.isEmpty()) {
            parts.add("removes the risk " + f.check() + " reports");
        }
        return String.join("; ", parts);
    }

    static String cost(Finding f) {
        List<String> statements = f.fix().statements();
        if (statements.isEmpty()) {
            return "a change to plan: " + f.fix().description();
        }
        String all = String.join("\n", statements).toUpperCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        if (all.contains("CONCURRENTLY") || all.contains("LOCK=NONE")) {
            parts.add("online: reads and writes continue");
        }
        if (all.contains("VALIDATE CONSTRAINT")) {
            parts.add("SHARE UPDATE EXCLUSIVE lock: reads and writes continue");
        }
        if (all.contains(" TYPE ") || all.contains("ENGINE=") || all.contains("CONVERT TO")
                || all.contains("LOCK=SHARED")) {
            parts.add("rewrites the table: writes wait until it is done");
        }
        if (parts.isEmpty()) {
            parts.add("a brief exclusive lock on the table");
        }
        number(f, "estimated_index_bytes").filter(v -> v > 0).ifPresent(v -> parts.add("builds about " + bytes(v)
                + ", maintained by every write"));
        return String.join("; ", parts);
    }

    private static Optional<Double> number(Finding f, String name) {
        return f.evidenceValue(name).filter(Number.class::isInstance).map(v -> ((Number) v).doubleValue());
    }

    private static String duration(double millis) {
        return millis >= 60_000 ? String.format(Locale.ROOT, "%.1f min", millis / 60_000)
                : millis >= 1000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
    }
}
