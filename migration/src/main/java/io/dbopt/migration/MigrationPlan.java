package io.dbopt.migration;

import io.dbopt.core.finding.ReportSection;
import java.util.ArrayList;
import java.util.List;

/**
 * The pending migrations of all sets in the order they will run, grouped into steps that Flyway executes one
 * after the other ({@code core} to 2, then {@code projects} to 1, then {@code core} to 3...). Immutable.
 *
 * @param steps the steps in order; empty when nothing is pending
 * @param order every migration of every set, applied or not, in dependency order, as {@code set:version}
 */
public record MigrationPlan(List<PlanStep> steps, List<String> order) {

    /** Copies. */
    public MigrationPlan {
        steps = List.copyOf(steps);
        order = List.copyOf(order);
    }

    /** Whether nothing is pending. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Every pending migration in order. */
    public List<PlannedMigration> migrations() {
        List<PlannedMigration> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(s.migrations()));
        return all;
    }

    /** One line per step: {@code 1. core -> 2: V1__init.sql, V2__users.sql}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            lines.add((i + 1) + ". " + s.set() + " -> " + s.target() + ": "
                    + String.join(", ", s.migrations().stream().map(PlannedMigration::script).toList()));
        }
        return lines;
    }

    /** A report section with one fact per step. */
    public ReportSection toSection() {
        List<ReportSection.Fact> facts = new ArrayList<>();
        List<String> lines = describe();
        for (int i = 0; i < lines.size(); i++) {
            facts.add(new ReportSection.Fact("step " + (i + 1), lines.get(i).substring(lines.get(i).indexOf(' ') + 1)));
        }
        if (facts.isEmpty()) {
            facts.add(new ReportSection.Fact("pending", "nothing to migrate"));
        }
        facts.add(new ReportSection.Fact("dependency order", String.join(" ", order)));
        return ReportSection.of("Migration plan", facts, List.of());
    }
}
