package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionOptionsTest {

    @Test
    void copiesOnEveryChangeAndKeepsTheTenantOutOfToString() {
        TransactionOptions base = TransactionOptions.named("transfer");
        TransactionOptions refined = base.isolation(Isolation.SERIALIZABLE).tenant("acme-secret")
                .lockTimeout(Duration.ofSeconds(2));
        assertThat(base.isolation()).isEmpty();
        assertThat(refined.tenant()).contains("acme-secret");
        assertThat(refined.toString()).contains("transfer", "SERIALIZABLE", "lockTimeout=2000ms", "tenant set")
                .doesNotContain("acme");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> TransactionOptions.named("drop table;")).hasMessageContaining("'drop table;'");
        assertThatThrownBy(() -> TransactionOptions.named("x").statementTimeout(Duration.ZERO))
                .hasMessageContaining("statementTimeout must be positive");
        assertThatThrownBy(() -> TransactionOptions.named("x").tenant(" "))
                .isInstanceOf(TransactionException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> TransactionOptions.named("x").tenant("a\u0000b"))
                .hasMessageContaining("control character U+0000");
        assertThatThrownBy(() -> TransactionOptions.named("x").tenant("x".repeat(257)))
                .hasMessageContaining("257 characters");
    }

    @Test
    void tenantContextRestoresThePreviousTenantAfterTheCall() {
        assertThat(TenantContext.current()).isEmpty();
        String seen = TenantContext.callAs("a", () -> TenantContext.callAs("b",
                () -> TenantContext.current().orElseThrow()) + TenantContext.current().orElseThrow());
        assertThat(seen).isEqualTo("ba");
        assertThatThrownBy(() -> TenantContext.runAs("a", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(TenantContext.current()).isEmpty();
    }
}
