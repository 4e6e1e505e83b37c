package io.dbopt.migration;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What {@code info} reports: per set, which migrations are applied, pending, failed or drifted.
 *
 * @param sets one entry per registered set, in registration order
 */
public record RevisionReport(List<SetRevisions> sets) {

    /** Copies. */
    public RevisionReport {
        sets = List.copyOf(sets);
    }

    /** The revisions of one set. */
    public SetRevisions set(String name) {
        return sets.stream().filter(s -> s.set().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No migration set " + name + " in this report"));
    }

    /** Whether any set has a pending migration. */
    public boolean hasPending() {
        return sets.stream().anyMatch(SetRevisions::hasPending);
    }

    /**
     * A report section: one fact per set ({@code core: at 3, 1 pending}) and findings for failed
     * ({@code migration.failed}), drifted ({@code migration.checksum-drift}) and missing
     * ({@code migration.script-missing}) migrations.
     */
    public ReportSection toSection() {
        List<ReportSection.Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (SetRevisions s : sets) {
            facts.add(new ReportSection.Fact(s.set(), "at " + s.currentVersion().orElse("nothing") + ", "
                    + s.inState(RevisionState.PENDING).size() + " pending (" + s.historyTable() + ")"));
            for (Revision r : s.revisions()) {
                DbObject object = DbObject.of(ObjectType.MIGRATION, s.set() + ":" + r.script());
                switch (r.state()) {
                    case FAILED -> findings.add(Finding.builder("migration.failed", Severity.CRITICAL).object(object)
                            .message("Migration " + s.set() + " V" + r.version() + " is recorded as failed")
                            .fix(Fix.advice("restore the schema to before V" + r.version()
                                    + ", delete the failed history row (or dbopt migrate, which compensates), and "
                                    + "migrate again"))
                            .build());
                    case DRIFTED -> findings.add(Finding.builder("migration.checksum-drift", Severity.ERROR)
                            .object(object)
                            .message("Script " + r.script() + " of " + s.set() + " changed after it was applied")
                            .fix(Fix.advice("revert the edit and put the change in a new migration"))
                            .build());
                    case MISSING -> findings.add(Finding.builder("migration.script-missing", Severity.WARNING)
                            .object(object)
                            .message("Applied migration " + s.set() + " V" + r.version() + " has no script on hand")
                            .fix(Fix.advice("restore the script, or check the locations of set " + s.set()))
                            .build());
                    default -> {
                        // applied and pending migrations are facts, not findings
                    }
                }
            }
        }
        return ReportSection.of("Migrations", facts, findings);
    }
}
