package io.dbopt.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.pool.PoolKeys;
import io.dbopt.query.QueryKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.mock.env.MockEnvironment;

/** How {@code dbopt.*} properties become the keys of {@link DbOptConfig}. */
@Timeout(30)
class SpringDbOptConfigTest {

    @Test
    void readsModuleKeysInEverySpellingAndLeavesTheStartersSwitchesOut() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("dbopt.pool.size", "7")
                .withProperty("dbopt.query.slow-query-threshold", "250ms")
                .withProperty("dbopt.max-overflow", "3")
                .withProperty("dbopt.query.exclude-from-call-sites[0]", "com.acme.db.")
                .withProperty("dbopt.query.exclude-from-call-sites[1]", "com.acme.Orders.execute")
                .withProperty("dbopt.enabled", "true")
                .withProperty("dbopt.pool.enabled", "true")
                .withProperty("dbopt.migration.fail-on", "warning")
                .withProperty("dbopt.migration.sets[0]", "core")
                .withProperty("other.pool.size", "99");
        DbOptConfig config = SpringDbOptConfig.from(env);
        assertThat(config.get(PoolKeys.SIZE)).isEqualTo(7);
        assertThat(config.get(PoolKeys.MAX_OVERFLOW)).isEqualTo(3);
        assertThat(config.get(QueryKeys.SLOW_QUERY_THRESHOLD)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.get(QueryKeys.EXCLUDE_FROM_CALL_SITES))
                .isEqualTo(List.of("com.acme.db.", "com.acme.Orders.execute"));
        assertThat(config.keys()).hasSize(4);
    }

    @Test
    void readsEnvironmentVariables() {
        MockEnvironment env = new MockEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                "systemEnvironment", java.util.Map.of("DBOPT_QUERY_SLOW_QUERY_THRESHOLD", "300ms",
                        "DBOPT_POOL_SIZE", "4")));
        DbOptConfig config = SpringDbOptConfig.from(env);
        assertThat(config.get(QueryKeys.SLOW_QUERY_THRESHOLD)).isEqualTo(Duration.ofMillis(300));
        assertThat(config.get(PoolKeys.SIZE)).isEqualTo(4);
    }

    @Test
    void anUnknownKeyFailsNamingTheNearestOne() {
        MockEnvironment env = new MockEnvironment().withProperty("dbopt.query.slow-query-treshold", "1s");
        assertThatThrownBy(() -> SpringDbOptConfig.from(env)).isInstanceOf(DbOptException.class)
                .hasMessageContaining("slow_query_threshold");
    }

    @Test
    void noPropertiesIsTheEmptyConfiguration() {
        assertThat(SpringDbOptConfig.from(new MockEnvironment()).keys()).isEmpty();
    }
}
