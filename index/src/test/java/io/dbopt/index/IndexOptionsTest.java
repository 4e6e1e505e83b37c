package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexOptionsTest {

    @Test
    void readsSettingsByTheirBuilderNames() {
        IndexOptions o = IndexOptions.from(Settings.of(Map.of("min-cost-reduction", "0.5", "lockTimeout", "2s",
                "storage_budget_bytes", "1048576", "allow-trial", "false")));
        assertThat(o.minCostReduction()).isEqualTo(0.5);
        assertThat(o.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.storageBudgetBytes()).isEqualTo(1_048_576);
        assertThat(o.allowTrial()).isFalse();
        assertThat(o.unusedMinBytes()).isEqualTo(IndexOptions.defaults().unusedMinBytes());
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
