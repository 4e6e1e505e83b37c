package io.dbopt.examples.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import javax.sql.DataSource;

/** Runs the transaction example on both databases. */
@DbTest
class TransferExampleTest {

    @DialectTest
    void transfersKeepTheTotalAndTheAdvisorFlagsTheUnsafeUpdate(DataSource dataSource) throws Exception {
        TransferExample.Summary summary = TransferExample.run(dataSource, 4, 25);
        assertThat(summary.totalAfter()).isEqualTo(summary.totalBefore()).isEqualTo(500);
        assertThat(summary.commits()).isEqualTo(4 * 25 + 4); // transfers, two audits, the tenant probe, the bonus
        assertThat(summary.tenantSeen()).isEqualTo("acme");
        assertThat(summary.advice()).extracting(f -> f.check().value() + " " + f.object().name())
                .containsExactly("transaction.lost-update-risk bonus");
        assertThat(summary.policy()).contains("name transfer -> SERIALIZABLE");
    }
}
