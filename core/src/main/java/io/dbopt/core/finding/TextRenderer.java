package io.dbopt.core.finding;

import io.dbopt.core.Redaction;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a report as plain text. */
final class TextRenderer {

    private TextRenderer() {
    }

    static String render(FindingsReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.title()).append(" - ").append(report.target()).append('\n');
        out.append("generated ").append(report.generatedAt()).append('\n');
        List<ActionPlan.Action> top = ActionPlan.topActions(report, ActionPlan.TOP_ACTIONS);
        if (!top.isEmpty()) {
            out.append('\n').append("== Top actions").append('\n');
            for (ActionPlan.Action a : top) {
                Finding f = a.finding();
                out.append("  ").append(a.rank()).append(". [").append(f.severity().name().toLowerCase(Locale.ROOT))
                        .append("] ").append(f.check()).append("  ").append(f.object().name()).append('\n')
                        .append("      ").append(f.message()).append('\n')
                        .append("      benefit: ").append(a.benefit()).append('\n')
                        .append("      cost: ").append(a.cost()).append('\n');
                appendFix(out, f);
            }
        }
        for (ReportSection section : report.sections()) {
            out.append('\n').append("== ").append(section.title()).append('\n');
            if (section.isFailed()) {
                out.append("  (could not run: ").append(section.failure()).append(")\n");
                continue;
            }
            int width = section.facts().stream().mapToInt(f -> f.name().length()).max().orElse(0);
            for (ReportSection.Fact fact : section.facts()) {
                out.append("  ").append(pad(fact.name(), width)).append("  ").append(fact.value()).append('\n');
            }
            if (section.findings().isEmpty()) {
                out.append("  no findings\n");
            }
            for (ActionPlan.Item item : ActionPlan.grouped(section)) {
                if (item instanceof ActionPlan.Single single) {
                    appendFinding(out, single.finding());
                } else if (item instanceof ActionPlan.Group group) {
                    appendGroup(out, group);
                }
            }
        }
        out.append('\n').append(summary(report)).append('\n');
        return Redaction.redactText(out.toString());
    }

    private static void appendFinding(StringBuilder out, Finding f) {
        out.append("  [").append(f.severity().name().toLowerCase(Locale.ROOT)).append("] ")
                .append(f.check()).append("  ").append(f.object().name());
        if (!f.location().isEmpty()) {
            out.append("  (").append(f.location()).append(')');
        }
        out.append('\n').append("      ").append(f.message()).append('\n');
        if (!f.evidence().isEmpty()) {
            out.append("      evidence: ").append(f.evidence().stream()
                    .map(e -> e.name() + "=" + e.displayValue()).collect(Collectors.joining(", "))).append('\n');
        }
        appendFix(out, f);
    }

    private static void appendFix(StringBuilder out, Finding f) {
        if (f.fix().isPresent()) {
            out.append("      fix: ").append(f.fix().description()).append('\n');
            for (String sql : f.fix().statements()) {
                out.append("        ").append(sql.replace("\n", "\n        ")).append(sql.endsWith(";") ? "" : ";")
                        .append('\n');
            }
        }
    }

    private static void appendGroup(StringBuilder out, ActionPlan.Group group) {
        List<Finding> all = group.findings();
        out.append("  [").append(group.severity().name().toLowerCase(Locale.ROOT)).append("] ").append(group.check())
                .append("  x ").append(all.size()).append(" objects (full list in the JSON report)\n");
        int shown = Math.min(3, all.size());
        out.append("      ").append(all.subList(0, shown).stream().map(f -> f.object().name())
                .collect(Collectors.joining(", "))).append(all.size() > shown ? ", and " + (all.size() - shown)
                + " more" : "").append('\n');
        out.append("      e.g. ").append(group.example().message()).append('\n');
        appendFix(out, group.example());
    }

    static String summary(FindingsReport report) {
        StringBuilder sb = new StringBuilder();
        int total = report.findings().size();
        sb.append(total).append(total == 1 ? " finding" : " findings");
        for (Severity s : Severity.values()) {
            long n = report.sections().stream().flatMap(x -> x.findings().stream()).filter(f -> f.severity() == s)
                    .count();
            if (n > 0) {
                String name = s.name().toLowerCase(Locale.ROOT);
                sb.append(", ").append(n).append(' ').append(n == 1 || s == Severity.INFO ? name : name + "s");
            }
        }
        if (report.suppressed() > 0) {
            sb.append(" (").append(report.suppressed()).append(" suppressed)");
        }
        long failed = report.sections().stream().filter(ReportSection::isFailed).count();
        if (failed > 0) {
            sb.append("; ").append(failed).append(" section(s) could not run");
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
