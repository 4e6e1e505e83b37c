package io.dbopt.health.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Writes the JSON bodies Alertmanager speaks: its webhook receivers' payload and its API's alert list. */
final class AlertmanagerPayload {

    /** Alertmanager's zero time, meaning "not ended". */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {
    }

    /** The webhook payload (version 4) for one notification. */
    static String webhook(Alert alert, String receiver) {
        ObjectNode root = JSON.createObjectNode();
        String status = alert.state() == AlertState.RESOLVED ? "resolved" : "firing";
        root.put("version", "4");
        root.put("groupKey", "{}:{alertname=\"" + alert.rule() + "\"}");
        root.put("truncatedAlerts", 0);
        root.put("status", status);
        root.put("receiver", receiver);
        labels(root.putObject("groupLabels"), Map.of("alertname", alert.rule()));
        labels(root.putObject("commonLabels"), alert.labels());
        labels(root.putObject("commonAnnotations"), alert.annotations());
        root.put("externalURL", "");
        ObjectNode a = root.putArray("alerts").addObject();
        a.put("status", status);
        labels(a.putObject("labels"), alert.labels());
        labels(a.putObject("annotations"), alert.annotations());
        a.put("startsAt", alert.startsAt().toString());
        a.put("endsAt", alert.endsAt().map(Instant::toString).orElse(ZERO_TIME));
        a.put("generatorURL", "");
        a.put("fingerprint", alert.fingerprint());
        return root.toString();
    }

    /** The body of {@code POST /api/v2/alerts} for one notification. */
    static String api(Alert alert, Instant now, Duration repeatInterval) {
        ArrayNode list = JSON.createArrayNode();
        ObjectNode a = list.addObject();
        labels(a.putObject("labels"), alert.labels());
        labels(a.putObject("annotations"), alert.annotations());
        a.put("startsAt", alert.startsAt().toString());
        a.put("endsAt", alert.endsAt().orElse(now.plus(repeatInterval.multipliedBy(2))).toString());
        a.put("generatorURL", "");
        return list.toString();
    }

    private static void labels(ObjectNode node, Map<String, String> values) {
        values.forEach((k, v) -> node.put(k, Redaction.redactText(v)));
    }
}
