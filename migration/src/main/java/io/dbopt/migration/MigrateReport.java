package io.dbopt.migration;

import io.dbopt.core.finding.ReportSection;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code migrate} did.
 *
 * @param plan the plan it executed
 * @param applied the migrations it applied, in order (another migrator may have applied some planned ones)
 */
public record MigrateReport(MigrationPlan plan, List<AppliedMigration> applied) {

    /** Copies. */
    public MigrateReport {
        applied = List.copyOf(applied);
    }

    /** How many migrations this call applied. */
    public int appliedCount() {
        return applied.size();
    }

    /** A report section with one fact per applied migration. */
    public ReportSection toSection() {
        List<ReportSection.Fact> facts = new ArrayList<>();
        for (AppliedMigration a : applied) {
            StringBuilder sb = new StringBuilder(a.script()).append(", ").append(a.statements()).append(" statement(s)")
                    .append(a.transactional() ? ", in one transaction" : ", statement by statement")
                    .append(a.undoComplete() ? ", undo generated" : ", needs a hand-written undo");
            if (!a.recoveredInvalidIndexes().isEmpty()) {
                sb.append(", dropped INVALID ").append(String.join(", ", a.recoveredInvalidIndexes()));
            }
            if (!a.recoveredStatements().isEmpty()) {
                sb.append(", compensated ").append(a.recoveredStatements().size()).append(" statement(s) of a dead migrator");
            }
            facts.add(new ReportSection.Fact(a.set() + " V" + a.version(), sb.toString()));
        }
        if (facts.isEmpty()) {
            facts.add(new ReportSection.Fact("applied", "nothing; the schema is up to date"));
        }
        return ReportSection.of("Migrate", facts, List.of());
    }
}
