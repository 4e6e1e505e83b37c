package io.dbopt.core.finding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import java.time.Duration;
import java.util.Locale;

/** Renders a report as JSON with Jackson's tree model, so the shape is explicit and stable. */
final class JsonRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonRenderer() {
    }

    static String render(FindingsReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("title", report.title());
        root.put("target", Redaction.redactText(report.target()));
        root.put("generatedAt", report.generatedAt().toString());
        ObjectNode summary = root.putObject("summary");
        summary.put("findings", report.findings().size());
        for (Severity s : Severity.values()) {
            summary.put(s.name().toLowerCase(Locale.ROOT),
                    report.sections().stream().flatMap(x -> x.findings().stream()).filter(f -> f.severity() == s)
                            .count());
        }
        summary.put("suppressed", report.suppressed());
        report.maxSeverity().ifPresentOrElse(s -> summary.put("maxSeverity", s.name().toLowerCase(Locale.ROOT)),
                () -> summary.putNull("maxSeverity"));
        ArrayNode top = root.putArray("topActions");
        for (ActionPlan.Action a : ActionPlan.topActions(report, ActionPlan.TOP_ACTIONS)) {
            ObjectNode node = top.addObject();
            node.put("rank", a.rank());
            node.put("benefit", Redaction.redactText(a.benefit()));
            node.put("cost", Redaction.redactText(a.cost()));
            writeFinding(node.putObject("finding"), a.finding());
        }
        ArrayNode sections = root.putArray("sections");
        for (ReportSection section : report.sections()) {
            ObjectNode node = sections.addObject();
            node.put("title", section.title());
            if (section.isFailed()) {
                node.put("failure", Redaction.redactText(section.failure()));
            }
            ObjectNode facts = node.putObject("facts");
            section.facts().forEach(f -> facts.put(f.name(), Redaction.redactText(f.value())));
            ArrayNode findings = node.putArray("findings");
            section.findings().forEach(f -> writeFinding(findings.addObject(), f));
            writeCharts(node.putArray("charts"), section);
            ArrayNode groups = node.putArray("groups");
            for (ActionPlan.Item item : ActionPlan.grouped(section)) {
                if (item instanceof ActionPlan.Group g) {
                    ObjectNode group = groups.addObject();
                    group.put("check", g.check().value());
                    group.put("severity", g.severity().name().toLowerCase(Locale.ROOT));
                    group.put("count", g.findings().size());
                    ArrayNode objects = group.putArray("objects");
                    g.findings().forEach(f -> objects.add(f.object().name()));
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new DbOptException(CoreErrorCode.REPORT_FAILED, "Cannot render the report as JSON", e);
        }
    }

    private static void writeCharts(ArrayNode charts, ReportSection section) {
        for (Chart chart : section.charts()) {
            ObjectNode node = charts.addObject();
            node.put("title", chart.title());
            node.put("description", chart.description());
            node.put("unit", chart.unit().name().toLowerCase(Locale.ROOT));
            if (chart instanceof Chart.Bars bars) {
                node.put("kind", "bars");
                ArrayNode items = node.putArray("bars");
                for (Chart.Bar bar : bars.bars()) {
                    ObjectNode item = items.addObject();
                    item.put("label", Redaction.redactText(bar.label()));
                    item.put("value", bar.value());
                    if (!bar.note().isEmpty()) {
                        item.put("note", bar.note());
                    }
                }
            } else if (chart instanceof Chart.Lines lines) {
                node.put("kind", "lines");
                ArrayNode items = node.putArray("lines");
                for (Chart.Line line : lines.lines()) {
                    ObjectNode item = items.addObject();
                    item.put("name", line.name());
                    ArrayNode samples = item.putArray("samples");
                    line.samples().forEach(s -> samples.addObject().put("at", s.at().toString())
                            .put("value", s.value()));
                }
            }
        }
    }

    private static void writeFinding(ObjectNode node, Finding f) {
        node.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
        node.put("check", f.check().value());
        node.put("objectType", f.object().type().name().toLowerCase(Locale.ROOT));
        node.put("object", f.object().name());
        node.put("message", Redaction.redactText(f.message()));
        if (!f.location().isEmpty()) {
            node.put("location", f.location());
        }
        ObjectNode evidence = node.putObject("evidence");
        for (Evidence e : f.evidence()) {
            Object v = e.value();
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                evidence.put(e.name(), ((Number) v).longValue());
            } else if (v instanceof Number n) {
                evidence.put(e.name(), n.doubleValue());
            } else if (v instanceof Boolean b) {
                evidence.put(e.name(), b);
            } else if (v instanceof Duration d) {
                evidence.put(e.name(), d.toNanos() / 1_000_000.0);
            } else {
                evidence.put(e.name(), Redaction.redactText(v.toString()));
            }
        }
        if (f.fix().isPresent()) {
            ObjectNode fix = node.putObject("fix");
            fix.put("description", f.fix().description());
            ArrayNode statements = fix.putArray("statements");
            f.fix().statements().forEach(statements::add);
        }
    }
}
