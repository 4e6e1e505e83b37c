package io.dbopt.testkit.populate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

@DbTest
class SchemaPopulatorIT {

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS odd_child", "DROP TABLE IF EXISTS accounts", "DROP TABLE IF EXISTS clients");
    }

    @DialectTest
    void plantsTheStandardProblems(TestDatabase db) throws Exception {
        SchemaPopulator.on(db).withReferences().withDuplicatedIndex().withRedundantIndex().withUnusedIndex()
                .withBooleanIndex().withJsonColumn().withData(500).populate();
        assertThat(db.queryLong("SELECT count(*) FROM clients")).isEqualTo(500);
        assertThat(db.queryLong("SELECT count(*) FROM accounts")).isEqualTo(1500);
        assertThat(db.queryLong("SELECT count(DISTINCT client_id) FROM accounts")).isEqualTo(500);
        assertThat(db.queryLong("SELECT count(*) FROM accounts a LEFT JOIN clients c ON c.id = a.client_id "
                + "WHERE c.id IS NULL")).isZero();
        assertThat(indexes(db, "accounts")).contains("accounts_number_idx", "accounts_number_dup_idx",
                "accounts_client_number_idx", "accounts_client_id_idx", "accounts_balance_idx");
        assertThat(indexes(db, "clients")).contains("clients_active_idx");
    }

    @DialectTest
    void quotesHostileNames(TestDatabase db) throws Exception {
        String table = db.testDialect() == TestDialect.POSTGRESQL ? "Odd" : "odd`tbl";
        SchemaPopulator.on(db)
                .table(table, t -> t.id("id").varchar("we\"ird col", 20).integer("select"))
                .table("odd_child", t -> t.id("id").references("parent ref", table))
                .index("odd idx", table, "select", "we\"ird col")
                .rows(table, 10).rows("odd_child", 30)
                .populate();
        assertThat(db.queryLong("SELECT count(*) FROM " + db.dialect().quote(table))).isEqualTo(10);
        assertThat(indexes(db, table)).contains("odd idx");
        db.execute("DROP TABLE odd_child", "DROP TABLE " + db.dialect().quote(table));
    }

    @DialectTest
    void fillsATableThatHasOnlyItsKey(TestDatabase db) {
        SchemaPopulator.on(db).table("keys_only", t -> t.id("id")).rows("keys_only", 25).populate();
        assertThat(db.queryLong("SELECT count(*) FROM keys_only")).isEqualTo(25);
        db.execute("INSERT INTO keys_only DEFAULT VALUES".replace("DEFAULT VALUES",
                db.testDialect() == TestDialect.POSTGRESQL ? "DEFAULT VALUES" : "() VALUES ()"));
        assertThat(db.queryLong("SELECT max(id) FROM keys_only")).isEqualTo(26);
        db.execute("DROP TABLE keys_only");
    }

    private static List<String> indexes(TestDatabase db, String table) throws Exception {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?"
                : "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = ?";
        List<String> names = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
