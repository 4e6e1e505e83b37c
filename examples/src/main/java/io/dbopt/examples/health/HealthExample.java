package io.dbopt.examples.health;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Severity;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.health.alert.Alert;
import io.dbopt.health.alert.AlertRule;
import io.dbopt.health.series.TimeSeries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * dbopt-health in one page: a monitor built from the configuration (its own connection, never the application's
 * pool), a table whose id is about to run out, the health answer as Spring Boot actuator JSON, the alert that fires
 * for it, and the time series the monitor keeps.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.health.HealthExample jdbc:postgresql://127.0.0.1:5432/app postgres ""
 * </pre>
 */
public final class HealthExample {

    private HealthExample() {
    }

    /**
     * What the example saw.
     *
     * @param health the monitor's answer
     * @param json the same answer in the actuator's JSON shape
     * @param alerts the notifications the callback sink received
     * @param tps the transactions-per-second series
     */
    public record Result(Health health, String json, List<Alert> alerts, TimeSeries tps) {
    }

    /** Runs the example against a database; the user needs CREATE TABLE. */
    public static Result run(String jdbcUrl, String user, String password) throws SQLException {
        DbOptConfig config = DbOptConfig.of(Map.of(
                "database_url", jdbcUrl,
                "database.user", user,
                "database.password", password,
                "health.interval", "10s",       // how often a started monitor checks
                "health.timeout", "5s",         // healthCheck() never waits longer than this
                "alerts.checks.for", "0s",      // fire at once (the default waits a minute)
                "alerts.log", "false"));        // the callback below is enough here
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder()
                .config(config)
                .onAlert(alerts::add)
                .alertRule(AlertRule.onMetric("rollback-storm", "rollbacks_per_second").above(100)
                        .forDuration(Duration.ofMinutes(5)).severity(Severity.WARNING)
                        .summary("More than 100 rollbacks per second for five minutes").build())
                .build()) {
            plantATicketCounterNearItsEnd(jdbcUrl, user, password);
            monitor.checkNow();                                  // first cycle: counters read
            Health health = monitor.checkNow();                  // second: rates known, alert decided
            monitor.alerts().awaitDispatch(Duration.ofSeconds(5));
            return new Result(health, HealthJson.write(health), List.copyOf(alerts),
                    monitor.performance().series("tps").orElseThrow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A ticket table whose small id column is 98 % used. */
    private static void plantATicketCounterNearItsEnd(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement()) {
            if (url.startsWith("jdbc:postgresql:")) {
                st.execute("DROP TABLE IF EXISTS example_tickets");
                st.execute("CREATE TABLE example_tickets (id smallserial PRIMARY KEY, note text)");
                st.execute("SELECT setval('example_tickets_id_seq', 32100)");
            } else {
                st.execute("DROP TABLE IF EXISTS example_tickets");
                st.execute("CREATE TABLE example_tickets (id smallint AUTO_INCREMENT PRIMARY KEY, note text)");
                st.execute("INSERT INTO example_tickets (id, note) VALUES (32100, 'last few')");
            }
        }
    }

    /** Runs against the URL, user and password given as arguments. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 2) {
            System.err.println("usage: HealthExample <jdbc-url> <user> [password]");
            System.exit(2);
        }
        Result r = run(args[0], args[1], args.length > 2 ? args[2] : "");
        System.out.println(r.json());
        r.alerts().forEach(a -> System.out.println("alert " + a.state() + ": " + a.summary() + " - "
                + a.annotations().get("description")));
        System.out.println("tps samples: " + r.tps().points());
    }
}
