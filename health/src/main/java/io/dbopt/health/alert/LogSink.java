package io.dbopt.health.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs notifications through SLF4J: firing at WARN (ERROR for critical ones), resolved at INFO. */
final class LogSink implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

    private final String resource;

    LogSink(String resource) {
        this.resource = resource;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(Alert alert) {
        String labels = alert.labels().toString();
        String description = alert.annotations().getOrDefault("description", "");
        switch (alert.state()) {
            case RESOLVED -> LOG.info("{} - alert {} resolved {} - {}", resource, alert.rule(), labels, description);
            default -> {
                if (alert.severity() == io.dbopt.core.finding.Severity.CRITICAL) {
                    LOG.error("{} - alert {} {}: {} {} - {}", resource, alert.rule(),
                            alert.repeat() ? "still firing" : "firing", alert.summary(), labels, description);
                } else {
                    LOG.warn("{} - alert {} {}: {} {} - {}", resource, alert.rule(),
                            alert.repeat() ? "still firing" : "firing", alert.summary(), labels, description);
                }
            }
        }
    }
}
