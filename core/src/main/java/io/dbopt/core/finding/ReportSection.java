package io.dbopt.core.finding;

import java.util.List;
import java.util.Objects;

/**
 * One part of a report, produced by one analyzer: its findings, informational facts (key/value lines such as the
 * server version) and, when the analyzer could not run, why.
 *
 * @param title the section title, e.g. {@code "Server"} or {@code "Indexes"}
 * @param facts informational lines shown before the findings
 * @param findings what the analyzer found
 * @param failure why the analyzer could not run, empty when it ran
 */
public record ReportSection(String title, List<Fact> facts, List<Finding> findings, String failure) {

    /** Validates and copies. */
    public ReportSection {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A report section needs a title");
        }
        facts = List.copyOf(facts);
        findings = List.copyOf(findings);
        Objects.requireNonNull(failure, "failure");
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
