package io.dbopt.core.finding;

import java.util.List;
import java.util.Objects;

/**
 * One part of a report, produced by one analyzer: its findings, informational facts (key/value lines such as the
 * server version), the charts of what it measured and, when the analyzer could not run, why.
 *
 * @param title the section title, e.g. {@code "Server"} or {@code "Indexes"}
 * @param facts informational lines shown before the findings
 * @param findings what the analyzer found
 * @param failure why the analyzer could not run, empty when it ran
 * @param charts what the analyzer measured, drawn by the HTML report (empty when it has nothing to draw)
 */
public record ReportSection(String title, List<Fact> facts, List<Finding> findings, String failure,
                            List<Chart> charts) {

    /** Validates and copies. */
    public ReportSection {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A report section needs a title");
        }
        facts = List.copyOf(facts);
        findings = List.copyOf(findings);
        Objects.requireNonNull(failure, "failure");
        charts = List.copyOf(charts);
    }

    /** A section without charts. */
    public ReportSection(String title, List<Fact> facts, List<Finding> findings, String failure) {
        this(title, facts, findings, failure, List.of());
    }

    /** A copy with these charts added after the existing ones; empty charts are left out. */
    public ReportSection withCharts(List<? extends Chart> added) {
        List<Chart> all = new java.util.ArrayList<>(charts);
        added.stream().filter(c -> !c.isEmpty()).forEach(all::add);
        return new ReportSection(title, facts, findings, failure, all);
    }

    /** A section whose analyzer ran. */
    public static ReportSection of(String title, List<Fact> facts, List<Finding> findings) {
        return new ReportSection(title, facts, findings, "");
    }

    /** A section whose analyzer failed; the reason must already be redacted. */
    public static ReportSection failed(String title, String reason) {
        return new ReportSection(title, List.of(), List.of(), reason.isBlank() ? "failed" : reason);
    }

    /** Whether the analyzer failed. */
    public boolean isFailed() {
        return !failure.isEmpty();
    }

    /**
     * One informational line.
     *
     * @param name what it is, e.g. {@code "max_connections"}
     * @param value its value as text
     */
    public record Fact(String name, String value) {
        /** Validates. */
        public Fact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
