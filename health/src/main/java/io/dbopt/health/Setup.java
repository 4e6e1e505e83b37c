package io.dbopt.health;

import io.dbopt.core.DbOptException;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.alert.AlertCoordinator;
import io.dbopt.health.alert.AlertRule;
import io.dbopt.health.check.BloatCheck;
import io.dbopt.health.check.CacheHitRatioCheck;
import io.dbopt.health.check.CheckKind;
import io.dbopt.health.check.ConnectionsCheck;
import io.dbopt.health.check.HealthCheck;
import io.dbopt.health.check.HistoryListCheck;
import io.dbopt.health.check.InvalidObjectsCheck;
import io.dbopt.health.check.RateCheck;
import io.dbopt.health.check.ReplicationLagCheck;
import io.dbopt.health.check.ReplicationSlotsCheck;
import io.dbopt.health.check.SequenceCheck;
import io.dbopt.health.check.SessionCheck;
import io.dbopt.health.check.WraparoundCheck;
import io.dbopt.health.probe.ProbeDataSources;
import io.dbopt.health.probe.ProbeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** Turns the {@code health.*} and {@code alerts.*} settings into checks, rules, labels and a coordinator. */
final class Setup {

    private Setup() {
    }

    /** The checks {@code health.checks} enables, created with their configured thresholds, in documentation order. */
    static List<HealthCheck> checks(DbOptConfig c) {
        Set<CheckKind> enabled = enabled(c.get(HealthKeys.CHECKS));
        List<HealthCheck> all = List.of(
                new ConnectionsCheck(c.get(HealthKeys.CONNECTIONS_WARN), c.get(HealthKeys.CONNECTIONS_ERROR)),
                SessionCheck.longQueries(c.get(HealthKeys.LONG_QUERY_WARN), c.get(HealthKeys.LONG_QUERY_ERROR)),
                SessionCheck.idleInTransaction(c.get(HealthKeys.IDLE_IN_TRANSACTION_WARN)),
                SessionCheck.blockedSessions(c.get(HealthKeys.BLOCKED_WARN), c.get(HealthKeys.BLOCKED_ERROR)),
                WraparoundCheck.wraparound(c.get(HealthKeys.WRAPAROUND_WARN), c.get(HealthKeys.WRAPAROUND_ERROR)),
                WraparoundCheck.freezeAge(c.get(HealthKeys.FREEZE_AGE_WARN), c.get(HealthKeys.FREEZE_AGE_ERROR)),
                new HistoryListCheck(c.get(HealthKeys.HISTORY_LIST_WARN)),
                new SequenceCheck(c.get(HealthKeys.SEQUENCE_WARN), c.get(HealthKeys.SEQUENCE_ERROR)),
                new ReplicationLagCheck(c.get(HealthKeys.REPLICATION_LAG_WARN),
                        c.get(HealthKeys.REPLICATION_LAG_ERROR)),
                new ReplicationSlotsCheck(),
                new CacheHitRatioCheck(c.get(HealthKeys.CACHE_HIT_RATIO_WARN)),
                InvalidObjectsCheck.indexes(),
                InvalidObjectsCheck.constraints(),
                BloatCheck.tables(c.get(HealthKeys.TABLE_BLOAT_WARN), c.get(HealthKeys.TABLE_BLOAT_ERROR)),
                BloatCheck.indexes(c.get(HealthKeys.INDEX_BLOAT_WARN)),
                RateCheck.deadlocks(c.get(HealthKeys.DEADLOCKS_WARN)),
                RateCheck.tempFiles(c.get(HealthKeys.TEMP_BYTES_WARN), c.get(HealthKeys.TEMP_DISK_RATIO_WARN)));
        return all.stream().filter(check -> enabled.contains(check.kind())).toList();
    }

    private static Set<CheckKind> enabled(List<String> names) {
        if (names.stream().anyMatch(n -> n.equalsIgnoreCase("all"))) {
            return EnumSet.allOf(CheckKind.class);
        }
        Set<CheckKind> kinds = EnumSet.of(CheckKind.CONNECTIVITY, CheckKind.LATENCY, CheckKind.COMPONENTS);
        for (String n : names) {
            kinds.add(CheckKind.byName(n).orElseThrow(() -> new DbOptException(HealthErrorCode.INVALID_SETUP,
                    "health.checks names an unknown check '" + n + "': use all or some of "
                            + Arrays.stream(CheckKind.values()).map(CheckKind::id).toList())));
        }
        return kinds;
    }

    /** The configured rules: one per check, slow queries, pool exhaustion per attached component. */
    static List<AlertRule> rules(DbOptConfig c, List<CheckKind> checks, List<DbOptComponent<?>> components) {
        List<AlertRule> rules = new ArrayList<>();
        if (c.get(HealthKeys.ALERTS_CHECKS)) {
            Duration forDuration = c.get(HealthKeys.ALERTS_CHECKS_FOR);
            rules.add(AlertRule.onCheck("database").forDuration(forDuration)
                    .summary("The database is down or slow").build());
            for (CheckKind kind : checks) {
                if (kind != CheckKind.CONNECTIVITY && kind != CheckKind.LATENCY && kind != CheckKind.COMPONENTS) {
                    rules.add(AlertRule.onCheck(kind.id()).forDuration(forDuration).build());
                }
            }
        }
        if (c.get(HealthKeys.ALERTS_SLOW_QUERIES)) {
            rules.add(AlertRule.slowQueries(c.get(HealthKeys.ALERTS_SLOW_QUERIES_FOR)));
        }
        if (c.get(HealthKeys.ALERTS_POOL_EXHAUSTED)) {
            for (DbOptComponent<?> component : components) {
                rules.add(AlertRule.poolExhausted(component.componentName(),
                        c.get(HealthKeys.ALERTS_POOL_EXHAUSTED_FOR)));
            }
        }
        return rules;
    }

    /** The {@code alerts.labels} pairs. */
    static Map<String, String> labels(DbOptConfig c) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : c.get(HealthKeys.LABELS)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? "" : pair.substring(0, eq).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*") || value.isEmpty()
                    || Set.of("alertname", "severity", "instance").contains(key)) {
                throw new DbOptException(HealthErrorCode.INVALID_SETUP, "alerts.labels entry '" + pair + "' is not a "
                        + "label: write name=value (name of letters, digits and _; not alertname, severity or "
                        + "instance), e.g. env=prod");
            }
            labels.put(key, value);
        }
        return labels;
    }

    /**
     * The unpooled data source of the checker's own connection, from {@code database.url}.
     *
     * @throws DbOptException with {@link HealthErrorCode#NO_DATABASE} when {@code database.url} is not set
     */
    static DataSource urlDataSource(DbOptConfig c, ProbeSettings settings) {
        return c.database().map(url -> ProbeDataSources.forUrl(url, settings)).orElseThrow(() -> new DbOptException(
                HealthErrorCode.NO_DATABASE, "The health monitor needs its own way to the database: set database.url "
                        + "(DBOPT_DATABASE_URL) or give checkerDataSource(...); it never borrows from the "
                        + "application's pool"));
    }

    /** The coordinator {@code alerts.coordination} asks for. */
    static AlertCoordinator coordinator(DbOptConfig c, DataSource checkerDataSource, String instance,
                                        Duration statementTimeout) {
        return switch (c.get(HealthKeys.COORDINATION)) {
            case NONE -> AlertCoordinator.local();
            case DATABASE -> AlertCoordinator.database(checkerDataSource, c.get(HealthKeys.COORDINATION_TABLE),
                    instance, statementTimeout);
            case REDIS -> AlertCoordinator.redis(c.find(HealthKeys.REDIS_URL).orElseThrow(() -> new DbOptException(
                    HealthErrorCode.INVALID_SETUP, "alerts.coordination=redis needs alerts.redis_url (e.g. "
                            + "redis://host:6379/0)")).reveal(), instance, statementTimeout);
        };
    }
}
