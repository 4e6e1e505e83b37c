package io.dbopt.cli.health;

import io.dbopt.core.Redaction;
import io.dbopt.core.component.Health;
import io.dbopt.core.finding.Finding;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a health answer as text: one line per part, its status and the one thing to know about it. Stateless. */
final class HealthText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private HealthText() {
    }

    static String render(Health h) {
        StringBuilder sb = new StringBuilder();
        Object took = h.details().get("took");
        sb.append("dbopt health - checked at ").append(TIME.format(h.checkedAt()));
        if (took instanceof Duration d) {
            sb.append(" in ").append(d.toMillis()).append(" ms");
        }
        sb.append('\n');
        h.components().forEach((name, part) -> sb.append(String.format(Locale.ROOT, "%-9s %-20s %s%n",
                part.status(), name, Redaction.redactText(summary(part)))));
        sb.append("status: ").append(h.status()).append('\n');
        return sb.toString();
    }

    private static String summary(Health part) {
        if (!part.findings().isEmpty()) {
            Finding first = part.findings().get(0);
            return first.message() + (part.findings().size() > 1 ? " (+" + (part.findings().size() - 1) + " more)"
                    : "");
        }
        Map<String, Object> d = part.details();
        for (String key : new String[] {"error", "not_applicable", "not_run", "limited", "rate"}) {
            if (d.containsKey(key)) {
                return key.replace('_', ' ') + ": " + d.get(key);
            }
        }
        return d.entrySet().stream().filter(e -> e.getValue() instanceof Number || e.getValue() instanceof Duration
                        || e.getValue() instanceof Boolean || e.getKey().equals("server"))
                .map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String format(Object v) {
        if (v instanceof Duration d) {
            return d.toMillis() + " ms";
        }
        if (v instanceof Double x) {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        return String.valueOf(v);
    }
}
