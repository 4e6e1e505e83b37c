package io.dbopt.core.finding;

import io.dbopt.core.Redaction;
import java.util.Locale;

/** Renders a report as a self-contained HTML page; every value is escaped. */
final class HtmlRenderer {

    private HtmlRenderer() {
    }

    static String render(FindingsReport report) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(report.title())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".critical{color:#a00;font-weight:bold}.error{color:#c50}.warning{color:#960}")
                .append("pre{margin:0;white-space:pre-wrap}</style></head><body>\n");
        out.append("<h1>").append(esc(report.title())).append("</h1><p>").append(esc(report.target()))
                .append("<br>generated ").append(esc(report.generatedAt().toString())).append("</p>\n");
        out.append("<p>").append(esc(TextRenderer.summary(report))).append("</p>\n");
        java.util.List<ActionPlan.Action> top = ActionPlan.topActions(report, ActionPlan.TOP_ACTIONS);
        if (!top.isEmpty()) {
            out.append("<h2>Top actions</h2>\n<ol>");
            for (ActionPlan.Action a : top) {
                Finding f = a.finding();
                out.append("<li><span class=\"").append(f.severity().name().toLowerCase(Locale.ROOT)).append("\">")
                        .append(esc(f.check().value())).append("</span> ").append(esc(f.object().name()))
                        .append(": ").append(esc(f.message())).append("<br>benefit: ").append(esc(a.benefit()))
                        .append("<br>cost: ").append(esc(a.cost())).append("<br>fix: ")
                        .append(esc(f.fix().description()));
                if (!f.fix().statements().isEmpty()) {
                    out.append("<pre>").append(esc(String.join(";\n", f.fix().statements()))).append(";</pre>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        for (ReportSection section : report.sections()) {
            out.append("<h2>").append(esc(section.title())).append("</h2>\n");
            if (section.isFailed()) {
                out.append("<p>Could not run: ").append(esc(section.failure())).append("</p>\n");
                continue;
            }
            if (!section.facts().isEmpty()) {
                out.append("<table>");
                section.facts().forEach(f -> out.append("<tr><th>").append(esc(f.name())).append("</th><td>")
                        .append(esc(f.value())).append("</td></tr>"));
                out.append("</table>\n");
            }
            if (section.findings().isEmpty()) {
                out.append("<p>No findings.</p>\n");
                continue;
            }
            out.append("<table><tr><th>severity</th><th>check</th><th>object</th><th>message</th>")
                    .append("<th>evidence</th><th>fix</th></tr>\n");
            for (ActionPlan.Item item : ActionPlan.grouped(section)) {
                Finding f;
                String objects;
                if (item instanceof ActionPlan.Group g) {
                    f = g.example();
                    objects = g.findings().size() + " objects: " + String.join(", ", g.findings().stream()
                            .limit(20).map(x -> x.object().name()).toList())
                            + (g.findings().size() > 20 ? ", ... (full list in the JSON report)" : "");
                } else {
                    f = ((ActionPlan.Single) item).finding();
                    objects = f.object().name();
                }
                String sev = f.severity().name().toLowerCase(Locale.ROOT);
                out.append("<tr><td class=\"").append(sev).append("\">").append(sev).append("</td><td>")
                        .append(esc(f.check().value())).append("</td><td>").append(esc(objects))
                        .append(f.location().isEmpty() ? "" : "<br>" + esc(f.location())).append("</td><td>")
                        .append(esc(f.message())).append("</td><td>");
                f.evidence().forEach(e -> out.append(esc(e.name())).append('=').append(esc(e.displayValue()))
                        .append("<br>"));
                out.append("</td><td>").append(esc(f.fix().description()));
                if (!f.fix().statements().isEmpty()) {
                    out.append("<pre>").append(esc(String.join(";\n", f.fix().statements()))).append(";</pre>");
                }
                out.append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        String text = Redaction.redactText(s);
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
