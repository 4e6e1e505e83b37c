package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The advisor's own statement hook observes plain JDBC transactions, named after the method that commits. */
@DbTest
class IsolationAdvisorIT {

    @DialectTest
    void wrappedDataSourceFlagsReadThenOverwriteByTheCommittingMethod(TestDatabase db) throws SQLException {
        db.execute("DROP TABLE IF EXISTS stock", "CREATE TABLE stock (id int PRIMARY KEY, qty int NOT NULL)",
                "INSERT INTO stock VALUES (1, 10)");
        IsolationAdvisor advisor = IsolationAdvisor.create();
        DataSource advised = advisor.wrap(db.dataSource());

        reserveWithoutLock(advised);
        reserveWithLock(advised);
        reserveAtSerializable(advised);

        List<Finding> findings = advisor.findings();
        assertThat(findings).extracting(f -> f.check().value() + " " + f.object().name())
                .containsExactly("transaction.lost-update-risk IsolationAdvisorIT.readThenWrite");
        assertThat(advisor.observedTransactions()).isEqualTo(3);
        assertThat(db.queryLong("SELECT qty FROM stock")).isEqualTo(7);
    }

    private static void reserveWithoutLock(DataSource ds) throws SQLException {
        readThenWrite(ds, "SELECT qty FROM stock WHERE id = ?", null);
    }

    private static void reserveWithLock(DataSource ds) throws SQLException {
        readThenWrite(ds, "SELECT qty FROM stock WHERE id = ? FOR UPDATE", null);
    }

    private static void reserveAtSerializable(DataSource ds) throws SQLException {
        readThenWrite(ds, "SELECT qty FROM stock WHERE id = ?", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
    }

    private static void readThenWrite(DataSource ds, String read, String first) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (first != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(first);
                }
            }
            int qty;
            try (PreparedStatement ps = c.prepareStatement(read)) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    qty = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE stock SET qty = ? WHERE id = ?")) {
                ps.setInt(1, qty - 1);
                ps.setInt(2, 1);
                ps.executeUpdate();
            }
            c.commit();
        }
    }
}
