package io.dbopt.index;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.index.plan.RootCauses;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link IndexManager#analyze()} found: the usage and missing-index findings, the recommendations for the
 * workload, and facts about how the analysis ran.
 *
 * @param findings usage and missing-index findings
 * @param recommendations recommendations for the workload (empty when there was no workload)
 * @param facts how the analysis ran: schema, workload size, what-if method
 */
public record IndexReport(List<Finding> findings, Recommendations recommendations, List<ReportSection.Fact> facts) {

    /** Validates and copies. */
    public IndexReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(recommendations, "recommendations");
        facts = List.copyOf(facts);
    }

    /** Every finding, the recommendations included. */
    public List<Finding> allFindings() {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(recommendations.findings());
        return all;
    }

    /**
     * Every finding with the ones sharing a root cause merged ({@link RootCauses}): what the doctor reports and the
     * fix script applies.
     */
    public List<Finding> actions() {
        return RootCauses.merge(allFindings());
    }

    /** The findings with a given check id, e.g. {@code index.unused}. */
    public List<Finding> findings(String checkId) {
        return allFindings().stream().filter(f -> f.check().value().equals(checkId)).toList();
    }

    /** The report as a section of a {@link io.dbopt.core.finding.FindingsReport}. */
    public ReportSection toSection(String title) {
        return ReportSection.of(title, facts, actions());
    }
}
