package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link MigrationValidator} found in one or more scripts.
 *
 * @param scripts how many scripts were read
 * @param statements how many statements were read
 * @param notAnalysed how many statements could not be read (each is also an INFO finding); syntax errors are
 *     findings of their own
 * @param suppressed how many findings {@code dbopt:ignore} comments removed
 * @param findings the findings in script and line order
 */
public record LintResult(int scripts, int statements, int notAnalysed, int suppressed, List<Finding> findings) {

    /** Copies. */
    public LintResult {
        findings = List.copyOf(findings);
    }

    /** An empty result. */
    public static LintResult empty() {
        return new LintResult(0, 0, 0, 0, List.of());
    }

    /** Several results together, in order. */
    public static LintResult of(List<LintResult> results) {
        List<Finding> all = new ArrayList<>();
        int scripts = 0;
        int statements = 0;
        int notAnalysed = 0;
        int suppressed = 0;
        for (LintResult r : results) {
            all.addAll(r.findings);
            scripts += r.scripts;
            statements += r.statements;
            notAnalysed += r.notAnalysed;
            suppressed += r.suppressed;
        }
        return new LintResult(scripts, statements, notAnalysed, suppressed, all);
    }

    /** This result and another together. */
    public LintResult plus(LintResult other) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(other.findings);
        return new LintResult(scripts + other.scripts, statements + other.statements, notAnalysed + other.notAnalysed,
                suppressed + other.suppressed, all);
    }

    /** The most severe finding's severity, empty when clean. */
    public Optional<Severity> maxSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    /** Whether any finding is {@code threshold} or more severe: the CLI's exit-code test. */
    public boolean hasFindingsAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().isAtLeast(threshold));
    }

    /** A report section titled {@code title}, with counts as facts. */
    public ReportSection toSection(String title) {
        return ReportSection.of(title, List.of(new ReportSection.Fact("scripts", String.valueOf(scripts)),
                new ReportSection.Fact("statements", String.valueOf(statements)),
                new ReportSection.Fact("not analysed", String.valueOf(notAnalysed)),
                new ReportSection.Fact("suppressed", String.valueOf(suppressed))), findings);
    }
}
