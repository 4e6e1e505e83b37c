package io.dbopt.migration.data;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ValidationResult} as a report section (one fact per rule, one {@code migration.data-rule}
 * finding per broken rule), and as text, JSON or HTML through core's report renderers. Counts only: no row values
 * reach the report. Stateless.
 */
public final class ValidationReporter {

    /** The check id of broken rules. */
    public static final String CHECK = "migration.data-rule";

    private ValidationReporter() {
    }

    /** The result as a report section titled "Data validation". */
    public static ReportSection toSection(ValidationResult result) {
        List<ReportSection.Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (RuleResult r : result.results()) {
            String where = r.checkedRows() + " rows" + (r.sampled() ? " (sampled)" : "");
            facts.add(new ReportSection.Fact(r.rule().describe(), r.error().map(e -> "not checked: " + e)
                    .orElse(r.passed() ? "holds on " + where : r.violations() + " violation(s) in " + where)));
            if (r.error().isPresent()) {
                findings.add(Finding.builder(CHECK, Severity.WARNING).object(DbObject.table(r.rule().table()))
                        .message("Rule " + r.rule().describe() + " could not be checked: " + r.error().get())
                        .fix(Fix.advice("fix the rule or the table and run the validation again")).build());
            } else if (!r.passed()) {
                findings.add(Finding.builder(CHECK, r.rule().severity()).object(DbObject.table(r.rule().table()))
                        .message("Rule " + r.rule().describe() + " is broken by " + r.violations() + " of "
                                + r.checkedRows() + (r.sampled() ? " sampled" : "") + " rows")
                        .evidence("violations", r.violations()).evidence("checked_rows", r.checkedRows())
                        .evidence("sampled", r.sampled())
                        .fix(Fix.advice("repair the rows, or the migration that produced them")).build());
            }
        }
        return ReportSection.of("Data validation", facts, findings);
    }

    /** The result as a report about {@code target} (already redacted). */
    public static FindingsReport toReport(ValidationResult result, String target) {
        return FindingsReport.of("dbopt data validation", target, List.of(toSection(result)));
    }

    /** Plain text. */
    public static String text(ValidationResult result, String target) {
        return toReport(result, target).toText();
    }

    /** JSON. */
    public static String json(ValidationResult result, String target) {
        return toReport(result, target).toJson();
    }

    /** A self-contained HTML page. */
    public static String html(ValidationResult result, String target) {
        return toReport(result, target).toHtml();
    }
}
