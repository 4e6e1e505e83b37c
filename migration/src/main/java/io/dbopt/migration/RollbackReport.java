package io.dbopt.migration;

import io.dbopt.core.finding.ReportSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a rollback undid, latest migration first.
 *
 * @param set the set's name
 * @param undone the undone migrations in the order they were undone
 */
public record RollbackReport(String set, List<UndoneMigration> undone) {

    /** Validates and copies. */
    public RollbackReport {
        Objects.requireNonNull(set, "set");
        undone = List.copyOf(undone);
    }

    /** A report section with one fact per undone migration. */
    public ReportSection toSection() {
        List<ReportSection.Fact> facts = new ArrayList<>();
        for (UndoneMigration u : undone) {
            facts.add(new ReportSection.Fact(set + " V" + u.version(), "undone by " + u.statements().size()
                    + " statement(s), " + u.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + (u.rowsRestored().isEmpty() ? "" : ", rows put back: " + new java.util.TreeMap<>(u.rowsRestored())
                    .entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")))
                    + (u.verified() ? ", schema verified" : u.differences().isEmpty() ? ", not verified (no snapshot)"
                    : ", differs: " + String.join("; ", u.differences()))));
        }
        if (facts.isEmpty()) {
            facts.add(new ReportSection.Fact(set, "nothing to roll back"));
        }
        return ReportSection.of("Rollback", facts, List.of());
    }
}
