package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.DbOptConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexOptionsTest {

    @Test
    void readsIndexKeysFromTheConfiguration() {
        IndexOptions o = IndexOptions.from(DbOptConfig.of(Map.of("index.min_cost_reduction", "0.5",
                "index.lock_timeout", "2s", "index.storage_budget_bytes", "1MB", "index", Map.of("allow-trial",
                        "false"))));
        assertThat(o.minCostReduction()).isEqualTo(0.5);
        assertThat(o.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.storageBudgetBytes()).isEqualTo(1_048_576);
        assertThat(o.allowTrial()).isFalse();
        assertThat(o.unusedMinBytes()).isEqualTo(IndexOptions.defaults().unusedMinBytes());
    }

    @Test
    void defaultsAreTheKeysDefaults() {
        IndexOptions d = IndexOptions.defaults();
        assertThat(d.minCostReduction()).isEqualTo(IndexKeys.MIN_COST_REDUCTION.defaultValue().orElseThrow());
        assertThat(d.lockTimeout()).isEqualTo(IndexKeys.LOCK_TIMEOUT.defaultValue().orElseThrow());
        assertThat(d.healthTimeout()).isEqualTo(IndexKeys.HEALTH_TIMEOUT.defaultValue().orElseThrow());
        assertThat(d.workloadLimit()).isEqualTo(IndexKeys.WORKLOAD_LIMIT.defaultValue().orElseThrow());
        assertThat(IndexOptions.from(DbOptConfig.empty()).toString()).isEqualTo(d.toString());
        for (ConfigKey<?> key : new IndexKeys().keys()) {
            assertThat(key.name()).startsWith("index.");
            assertThat(key.defaultValue()).as(key.name()).isPresent();
        }
    }

    @Test
    void rejectsBadConfigurationNamingTheKey() {
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("index.min_cost_reduction", "1.5")))
                .isInstanceOf(DbOptException.class).hasMessageContaining("index.min_cost_reduction")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("index.min_cost_reductoin", "0.5")))
                .isInstanceOf(DbOptException.class).hasMessageContaining("index.min_cost_reduction");
    }

    @Test
    void rejectsOutOfRangeValuesNamingThem() {
        assertThatThrownBy(() -> IndexOptions.builder().minCostReduction(1.5))
                .hasMessageContaining("minCostReduction").hasMessageContaining("1.5");
        assertThatThrownBy(() -> IndexOptions.builder().lockTimeout(Duration.ZERO)).hasMessageContaining("lockTimeout");
        assertThatThrownBy(() -> IndexOptions.builder().maxKeyColumns(0)).hasMessageContaining("maxKeyColumns");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        IndexOptions o = IndexOptions.defaults().toBuilder().schema("app").writePenalty(2).build();
        assertThat(o.toBuilder().build().schema()).isEqualTo("app");
        assertThat(o.toBuilder().build().writePenalty()).isEqualTo(2);
    }
}
