package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationAdvisorTest {

    private static final List<String> READ_THEN_OVERWRITE = List.of(
            "SELECT balance FROM account WHERE id = ?", "UPDATE account SET balance = ? WHERE id = ?");

    private static List<IsolationAdvisor.Check> checks(Isolation level, DatabaseProduct product, List<String> sql) {
        return IsolationAdvisor.create().analyse(new TransactionTrace("t", level, product, sql)).stream()
                .map(IsolationAdvisor.Risk::check).toList();
    }

    @Test
    void flagsReadThenOverwriteWhereTheLevelAllowsALostUpdate() {
        assertThat(checks(Isolation.READ_COMMITTED, DatabaseProduct.POSTGRESQL, READ_THEN_OVERWRITE))
                .containsExactly(IsolationAdvisor.Check.LOST_UPDATE);
        // PostgreSQL's REPEATABLE READ fails the second writer; MariaDB's lets the update be lost
        assertThat(checks(Isolation.REPEATABLE_READ, DatabaseProduct.POSTGRESQL, READ_THEN_OVERWRITE)).isEmpty();
        assertThat(checks(Isolation.REPEATABLE_READ, DatabaseProduct.MARIADB, READ_THEN_OVERWRITE))
                .containsExactly(IsolationAdvisor.Check.LOST_UPDATE);
        assertThat(checks(Isolation.SERIALIZABLE, DatabaseProduct.MARIADB, READ_THEN_OVERWRITE)).isEmpty();
    }

    @Test
    void acceptsTheSafePatterns() {
        Isolation rc = Isolation.READ_COMMITTED;
        assertThat(checks(rc, DatabaseProduct.POSTGRESQL, List.of("SELECT balance FROM account WHERE id = ? FOR UPDATE",
                "UPDATE account SET balance = ? WHERE id = ?"))).isEmpty();
        assertThat(checks(rc, DatabaseProduct.MARIADB, List.of(
                "SELECT balance FROM account WHERE id = ? LOCK IN SHARE MODE",
                "UPDATE account SET balance = ? WHERE id = ?"))).isEmpty();
        assertThat(checks(rc, DatabaseProduct.POSTGRESQL, List.of("SELECT balance FROM account WHERE id = ?",
                "UPDATE account SET balance = balance + ? WHERE id = ?"))).isEmpty();
        assertThat(checks(rc, DatabaseProduct.POSTGRESQL, List.of("SELECT balance, version FROM account WHERE id = ?",
                "UPDATE account SET balance = ?, version = version + 1 WHERE id = ? AND version = ?"))).isEmpty();
        assertThat(checks(rc, DatabaseProduct.POSTGRESQL, List.of("SELECT name FROM customer WHERE id = ?",
                "UPDATE account SET balance = ? WHERE id = ?"))).isEmpty();
    }

    @Test
    void flagsCheckThenActBelowSerializable() {
        List<String> onCall = List.of("SELECT count(*) FROM doctor WHERE on_call AND shift = ?",
                "UPDATE doctor SET on_call = false WHERE name = ?");
        assertThat(checks(Isolation.REPEATABLE_READ, DatabaseProduct.POSTGRESQL, onCall))
                .containsExactly(IsolationAdvisor.Check.WRITE_SKEW);
        assertThat(checks(Isolation.SERIALIZABLE, DatabaseProduct.POSTGRESQL, onCall)).isEmpty();
        assertThat(checks(Isolation.READ_COMMITTED, DatabaseProduct.MARIADB, List.of(
                "SELECT id FROM booking WHERE room = ? AND day = ?", "INSERT INTO booking (room, day) VALUES (?, ?)")))
                .containsExactly(IsolationAdvisor.Check.WRITE_SKEW);
        assertThat(checks(Isolation.READ_COMMITTED, DatabaseProduct.MARIADB, List.of(
                "SELECT EXISTS (SELECT 1 FROM booking WHERE room = ?)", "DELETE FROM booking WHERE room = ?")))
                .containsExactly(IsolationAdvisor.Check.WRITE_SKEW);
    }

    @Test
    void findingsAggregateOccurrencesAndMaskLiterals() {
        IsolationAdvisor advisor = IsolationAdvisor.create();
        for (int i = 0; i < 3; i++) {
            advisor.observe(new TransactionTrace("pay", Isolation.READ_COMMITTED, DatabaseProduct.POSTGRESQL,
                    List.of("SELECT balance FROM account WHERE id = 7", "UPDATE account SET balance = 93 WHERE id = 7")));
        }
        advisor.observe(new TransactionTrace("pay", Isolation.READ_COMMITTED, DatabaseProduct.POSTGRESQL,
                List.of("not sql at all", "SELECT 1")));
        assertThat(advisor.findings()).singleElement().satisfies(f -> {
            assertThat(f.check().value()).isEqualTo("transaction.lost-update-risk");
            assertThat(f.evidenceValue("occurrences")).contains(3L);
            assertThat(f.evidenceValue("write_statement")).contains("UPDATE account SET balance = ? WHERE id = ?");
            assertThat(f.fix().description()).contains("FOR UPDATE");
        });
        assertThat(advisor.observedTransactions()).isEqualTo(4);
        advisor.reset();
        assertThat(advisor.findings()).isEmpty();
    }
}
