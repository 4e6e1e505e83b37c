package io.dbopt.core.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The server settings the doctor reads, normalised: durations in milliseconds, 0 meaning "no limit". */
record ServerSettings(Map<String, Value> values) {

    /** MariaDB / MySQL settings measured in seconds (possibly fractional). */
    private static final Set<String> SECONDS = Set.of("max_statement_time", "lock_wait_timeout",
            "innodb_lock_wait_timeout", "wait_timeout", "idle_transaction_timeout", "idle_write_transaction_timeout",
            "long_query_time");

    ServerSettings {
        values = Map.copyOf(values);
    }

    static ServerSettings read(Connection connection, Dialect dialect, Duration timeout) throws SQLException {
        Map<String, Value> values = new LinkedHashMap<>();
        String sql = SqlResource.load("core", dialect, "settings");
        if (dialect instanceof PostgresDialect) {
            Jdbc.query(connection, timeout, sql, rs -> {
                long millis = rs.getLong("millis");
                Long m = rs.wasNull() ? null : millis;
                String unit = rs.getString("unit");
                String size = rs.getString("size");
                String setting = rs.getString("setting");
                String text = size != null ? size : "-1".equals(setting) ? "-1 (disabled)"
                        : setting + (unit.isEmpty() || m != null ? "" : " " + unit);
                values.put(rs.getString("name"), new Value(m == null ? text : formatMillis(m), m));
                return null;
            });
        } else {
            Jdbc.query(connection, timeout, sql, rs -> {
                String name = rs.getString(1).toLowerCase(java.util.Locale.ROOT);
                String text = rs.getString(2);
                Long millis = null;
                if (SECONDS.contains(name)) {
                    millis = Math.round(Double.parseDouble(text) * 1000);
                } else if (name.equals("max_execution_time")) {
                    millis = Long.parseLong(text);
                }
                values.put(name, new Value(millis == null ? text : formatMillis(millis), millis));
                return null;
            });
        }
        return new ServerSettings(new java.util.TreeMap<>(values));
    }

    Optional<Value> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a duration setting in milliseconds, if the server has it. */
    Optional<Long> millis(String name) {
        return get(name).flatMap(v -> Optional.ofNullable(v.millis()));
    }

    /** The value of a numeric setting, if the server has it and it is a number. */
    Optional<Long> number(String name) {
        return get(name).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.display().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static String formatMillis(long millis) {
        if (millis == 0) {
            return "0 (no limit)";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /**
     * One setting.
     *
     * @param display the value as shown to users
     * @param millis the value in milliseconds for duration settings, otherwise {@code null}
     */
    record Value(String display, Long millis) {
    }
}
