package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.ConfigSchema;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.query.cache.QueryCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QueryKeysTest {

    @Test
    void isRegisteredForTheQueryAndCacheSections() {
        assertThat(ServiceLoader.load(ConfigSchema.class).stream().map(ServiceLoader.Provider::type))
                .contains(QueryKeys.class);
        QueryKeys keys = new QueryKeys();
        assertThat(keys.module()).isEqualTo("dbopt-query");
        assertThat(keys.keys()).allSatisfy(k -> assertThat(keys.sections()).contains(k.section()));
        assertThat(keys.keys()).allSatisfy(k -> assertThat(k.description()).isNotBlank());
    }

    @Test
    void buildersTakeTheirDefaultsFromTheKeys() {
        QueryProfiler profiler = QueryProfiler.builder().build();
        assertThat(profiler.slowQueryThreshold()).isEqualTo(QueryKeys.SLOW_QUERY_THRESHOLD.defaultValue().get());
        assertThat(profiler.nPlusOneThreshold()).isEqualTo(QueryKeys.N_PLUS_ONE_THRESHOLD.defaultValue().get());
        assertThat(profiler.maxFingerprints()).isEqualTo(QueryKeys.MAX_FINGERPRINTS.defaultValue().get());
        try (QueryCache cache = QueryCache.builder().build()) {
            assertThat(cache.name()).isEqualTo(QueryKeys.CACHE_NAME.defaultValue().get());
        }
    }

    @Test
    void theProfilerAndTheCacheReadTheirSectionsInAnySpelling() {
        DbOptConfig config = DbOptConfig.of(Map.of("query", Map.of("name", "orders", "slowQueryThreshold", "250ms",
                "n-plus-one-threshold", "4", "max_fingerprints", 100), "cache.name", "orders-cache"));
        QueryProfiler profiler = QueryProfiler.builder().config(config).build();
        assertThat(profiler.name()).isEqualTo("orders");
        assertThat(profiler.slowQueryThreshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(profiler.nPlusOneThreshold()).isEqualTo(4);
        assertThat(profiler.maxFingerprints()).isEqualTo(100);
        try (QueryCache cache = QueryCache.builder().config(config).build()) {
            assertThat(cache.name()).isEqualTo("orders-cache");
            assertThat(cache.isShared()).isFalse();
        }
        assertThat(QueryProfiler.builder().config(DbOptConfig.fromEnvironment(Map.of(
                "DBOPT_QUERY_SLOW_QUERY_THRESHOLD", "2s"))).build().slowQueryThreshold())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBadOrUnknownSettingIsRefusedWithTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.n_plus_one_threshold", 2)))
                .isInstanceOf(DbOptException.class).hasMessageContaining("query.n_plus_one_threshold")
                .hasMessageContaining("'2'").hasMessageContaining("from 3");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.slow_query_treshold", "1s")))
                .isInstanceOf(DbOptException.class).hasMessageContaining("query.slow_query_threshold");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("cache.key_prefix", "a b")))
                .isInstanceOf(DbOptException.class).hasMessageContaining("cache.key_prefix");
    }

    @Test
    void theRedisUrlIsMaskedLikeAPassword() {
        DbOptConfig config = DbOptConfig.of(Map.of("cache.redis_url", "redis://:s3cret@127.0.0.1:6390/0"));
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(List.of(QueryKeys.CACHE_REDIS_URL.isSecret())).containsExactly(true);
    }
}
