package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolationLevelSelectorTest {

    private final IsolationLevelSelector policy = IsolationLevelSelector.builder()
            .forName("transfer", Isolation.SERIALIZABLE)
            .forTag("reporting", Isolation.REPEATABLE_READ)
            .forTag("batch", Isolation.READ_COMMITTED)
            .forTenant("bank", Isolation.SERIALIZABLE)
            .readOnly(Isolation.REPEATABLE_READ)
            .build();

    @Test
    void appliesRulesInPrecedenceOrder() {
        assertThat(policy.select(TransactionOptions.named("transfer").isolation(Isolation.READ_COMMITTED),
                Optional.empty()).isolation()).isEqualTo(Isolation.READ_COMMITTED);
        assertThat(policy.select(TransactionOptions.named("transfer").tag("batch"), Optional.empty()))
                .isEqualTo(new IsolationLevelSelector.Selection(Isolation.SERIALIZABLE, "rule for name transfer"));
        assertThat(policy.select(TransactionOptions.named("x").tag("batch").tag("reporting"), Optional.empty())
                .reason()).isEqualTo("rule for tag reporting");
        assertThat(policy.select(TransactionOptions.named("x"), Optional.of("bank")).isolation())
                .isEqualTo(Isolation.SERIALIZABLE);
        assertThat(policy.select(TransactionOptions.named("x").readOnly(), Optional.empty()).isolation())
                .isEqualTo(Isolation.REPEATABLE_READ);
        assertThat(policy.select(TransactionOptions.named("x"), Optional.empty()))
                .isEqualTo(new IsolationLevelSelector.Selection(Isolation.READ_COMMITTED, "default"));
    }

    @Test
    void describesThePolicyInOnePlaceWithoutNamingTenants() {
        assertThat(policy.describe()).containsExactly(
                "explicit TransactionOptions.isolation(...) wins",
                "name transfer -> SERIALIZABLE",
                "tag reporting -> REPEATABLE_READ",
                "tag batch -> READ_COMMITTED",
                "1 tenant rule(s): SERIALIZABLE",
                "read-only -> REPEATABLE_READ",
                "otherwise -> READ_COMMITTED");
    }

    @Test
    void rejectsDuplicateRules() {
        assertThatThrownBy(() -> IsolationLevelSelector.builder().forName("a", Isolation.SERIALIZABLE)
                .forName("a", Isolation.READ_COMMITTED)).hasMessageContaining("name a already has a rule");
        assertThatThrownBy(() -> IsolationLevelSelector.builder().forName("bad name!", Isolation.SERIALIZABLE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
