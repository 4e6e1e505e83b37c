package io.dbopt.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A module schema for core's own tests: section {@code query} as a stand-in for a real module. */
public final class TestSchema implements ConfigSchema {

    enum Mode { FAST, SAFE_MODE }

    static final ConfigKey<Integer> SIZE = ConfigKey.integer("query.max_fingerprints").defaultValue(1000)
            .range(1, 1_000_000).alias("fingerprints").description("test").build();
    static final ConfigKey<Duration> SLOW = ConfigKey.duration("query.slow_query_threshold", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofMillis(500)).positive().description("test").build();
    static final ConfigKey<Duration> MILLIS = ConfigKey.duration("query.timeout_ms", ChronoUnit.MILLIS)
            .description("test").build();
    static final ConfigKey<Boolean> FLAG = ConfigKey.bool("query.log_parameters").defaultValue(false)
            .description("test").build();
    static final ConfigKey<Mode> MODE = ConfigKey.enumValue("query.mode", Mode.class).defaultValue(Mode.FAST)
            .description("test").build();
    static final ConfigKey<Secret> TOKEN = ConfigKey.secret("query.redis_password").description("test").build();
    static final ConfigKey<List<String>> TABLES = ConfigKey.list("query.tables").description("test").build();
    static final ConfigKey<Long> BYTES = ConfigKey.bytes("query.max_bytes").description("test").build();

    /** For ServiceLoader. */
    public TestSchema() {
    }

    @Override
    public String module() {
        return "dbopt-query";
    }

    @Override
    public List<String> sections() {
        return List.of("query");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(SIZE, SLOW, MILLIS, FLAG, MODE, TOKEN, TABLES, BYTES);
    }
}
