package io.dbopt.core.finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of report sections about one target, rendered as text, JSON or HTML. Immutable and thread-safe.
 *
 * @param title what the report is, e.g. {@code "dbopt doctor"}
 * @param target what was examined, already redacted (see {@link io.dbopt.core.DatabaseInfo#describe()})
 * @param generatedAt when the report was made
 * @param sections the sections, in order
 * @param suppressed how many findings user suppressions removed
 */
public record FindingsReport(String title, String target, Instant generatedAt, List<ReportSection> sections,
                             int suppressed) {

    /** Validates and copies. */
    public FindingsReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(generatedAt, "generatedAt");
        sections = List.copyOf(sections);
        if (suppressed < 0) {
            throw new IllegalArgumentException("suppressed must be >= 0");
        }
    }

    /** A report with no suppressions applied yet. */
    public static FindingsReport of(String title, String target, List<ReportSection> sections) {
        return new FindingsReport(title, target, Instant.now(), sections, 0);
    }

    /** Every finding of every section, most severe first, then by check id. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.findings()));
        all.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::check));
        return List.copyOf(all);
    }

    /** The most urgent severity present, empty when there are no findings. */
    public Optional<Severity> maxSeverity() {
        return sections.stream().flatMap(s -> s.findings().stream()).map(Finding::severity)
                .max(Comparator.naturalOrder());
    }

    /** How many findings are {@code severity} or more urgent. */
    public long countAtLeast(Severity severity) {
        return sections.stream().flatMap(s -> s.findings().stream()).filter(f -> f.severity().isAtLeast(severity))
                .count();
    }

    /** Whether any section's analyzer failed. */
    public boolean hasFailedSections() {
        return sections.stream().anyMatch(ReportSection::isFailed);
    }

    /** A copy without the findings the suppressions cover; {@link #suppressed()} counts them. */
    public FindingsReport applying(List<Suppression> suppressions) {
        if (suppressions.isEmpty()) {
            return this;
        }
        int removed = 0;
        List<ReportSection> kept = new ArrayList<>();
        for (ReportSection section : sections) {
            List<Finding> findings = new ArrayList<>();
            for (Finding f : section.findings()) {
                if (suppressions.stream().anyMatch(s -> s.matches(f))) {
                    removed++;
                } else {
                    findings.add(f);
                }
            }
            kept.add(new ReportSection(section.title(), section.facts(), findings, section.failure(),
                    section.charts()));
        }
        return new FindingsReport(title, target, generatedAt, kept, suppressed + removed);
    }

    /** Plain text for a terminal. */
    public String toText() {
        return TextRenderer.render(this);
    }

    /** JSON with a stable shape ({@code title, target, generatedAt, summary, sections[]}). */
    public String toJson() {
        return JsonRenderer.render(this);
    }

    /**
     * A 0-100 score of the findings (see {@link ReportScore}): 100 when nothing was found, lower for each check that
     * found something, by its worst severity.
     */
    public ReportScore score() {
        return ReportScore.of(this);
    }

    /**
     * A self-contained HTML page (no network access needed to open it) with every value escaped: the server and the
     * score, the top actions, findings by section and severity with filters, fixes with a copy button, and the
     * sections' charts as inline SVG.
     */
    public String toHtml() {
        return HtmlRenderer.render(this);
    }
}
