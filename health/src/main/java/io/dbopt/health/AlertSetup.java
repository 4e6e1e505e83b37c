package io.dbopt.health;

import io.dbopt.core.DbOptException;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.health.alert.AlertCoordinator;
import io.dbopt.health.alert.AlertRule;
import io.dbopt.health.alert.AlertSink;
import io.dbopt.health.alert.AlertSinks;
import io.dbopt.health.alert.Dispatcher;
import io.dbopt.health.alert.RuleEngine;
import io.dbopt.health.alert.WebhookSettings;
import io.dbopt.health.check.CheckKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Assembles the {@link AlertManager} from the {@code alerts.*} settings and what the builder was given. */
final class AlertSetup {

    private AlertSetup() {
    }

    /**
     * What the alert manager is made of.
     *
     * @param name the monitor's name (log lines, threads)
     * @param config the settings
     * @param checks the checks the checker runs
     * @param components the attached components
     * @param rules rules the builder was given
     * @param sinks sinks the builder was given
     * @param coordinator the coordinator the builder was given, or null for {@code alerts.coordination}
     * @param checkerDataSource the checker's data source (for coordination through the database)
     * @param statementTimeout the time limit of a coordination statement or command
     * @param metrics where meters go
     */
    record Parts(String name, DbOptConfig config, List<CheckKind> checks, List<DbOptComponent<?>> components,
                 List<AlertRule> rules, List<AlertSink> sinks, AlertCoordinator coordinator,
                 DataSource checkerDataSource, Duration statementTimeout, MetricsRecorder metrics) {
    }

    static AlertManager alertManager(Parts p) {
        DbOptConfig config = p.config();
        Duration cooldown = config.get(HealthKeys.ALERTS_COOLDOWN);
        Duration repeat = config.get(HealthKeys.ALERTS_REPEAT_INTERVAL);
        Map<String, String> labels = new LinkedHashMap<>(Setup.labels(config));
        labels.put("instance", config.find(HealthKeys.INSTANCE).orElseGet(() -> databaseInstance(config, p.name())));
        AlertManager.Counts counts = new AlertManager.Counts(p.metrics());
        List<AlertRule> rules = new ArrayList<>();
        List<AlertSink> sinks = new ArrayList<>();
        if (config.get(HealthKeys.ALERTS_ENABLED)) {
            rules.addAll(Setup.rules(config, p.checks(), p.components()));
            if (config.get(HealthKeys.ALERTS_LOG)) {
                sinks.add(AlertSinks.log(p.name()));
            }
            config.find(HealthKeys.WEBHOOK_URL).ifPresent(url -> sinks.add(AlertSinks.webhook(p.name(),
                    webhook(config, url.reveal(), repeat), counts)));
        }
        rules.addAll(p.rules());
        sinks.addAll(p.sinks());
        AlertCoordinator coordinator = p.coordinator() != null ? p.coordinator()
                : Setup.coordinator(config, p.checkerDataSource(), sender(), p.statementTimeout());
        Dispatcher dispatcher = new Dispatcher(p.name(), sinks, coordinator, cooldown, repeat,
                config.get(HealthKeys.WEBHOOK_QUEUE), counts);
        return new AlertManager(new RuleEngine(rules, labels, cooldown, repeat), dispatcher, counts, p.metrics());
    }

    private static WebhookSettings webhook(DbOptConfig config, String url, Duration repeat) {
        try {
            return new WebhookSettings(URI.create(url.trim()), config.get(HealthKeys.WEBHOOK_FORMAT),
                    config.get(HealthKeys.WEBHOOK_TIMEOUT), config.get(HealthKeys.WEBHOOK_RETRIES),
                    config.get(HealthKeys.WEBHOOK_QUEUE), repeat);
        } catch (IllegalArgumentException e) {
            throw new DbOptException(HealthErrorCode.INVALID_SETUP, "alerts.webhook.url is not a usable http(s) "
                    + "URL (" + e.getClass().getSimpleName() + "): give one such as "
                    + "http://alertmanager:9093/api/v2/alerts", e);
        }
    }

    /** The monitored database as {@code host:port/name}, from {@code database.url}; {@code fallback} otherwise. */
    static String databaseInstance(DbOptConfig config, String fallback) {
        return config.database().map(u -> {
            String url = u.jdbcUrl();
            int slashes = url.indexOf("//");
            String rest = slashes < 0 ? url : url.substring(slashes + 2);
            int q = rest.indexOf('?');
            return q < 0 ? rest : rest.substring(0, q);
        }).orElse(fallback);
    }

    /** Who sends, for the coordination store: this process on this host. */
    private static String sender() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }
}
