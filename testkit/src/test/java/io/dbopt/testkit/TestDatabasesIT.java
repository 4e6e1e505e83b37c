package io.dbopt.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@DbTest
class TestDatabasesIT {

    @DialectTest
    void injectsOneDatabasePerClassAndDialect(TestDatabase db, DataSource ds, Dialect dialect, TestDialect which)
            throws Exception {
        assertThat(db.testDialect()).isEqualTo(which);
        assertThat(dialect).isEqualTo(db.dialect());
        assertThat(db.name()).startsWith("dbopt_t_testdatabasesit_");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(dialect.currentSchemaQuery().replace("current_schema()",
                     "current_database()"))) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(db.name());
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void runsOnlyOnTheNamedDialect(TestDialect which) {
        assertThat(which).isEqualTo(TestDialect.POSTGRESQL);
    }

    @Test
    void plainTestsPickADialectWithOn(@On(TestDialect.MARIADB) TestDatabase db) {
        assertThat(db.testDialect()).isEqualTo(TestDialect.MARIADB);
        assertThat(db.queryLong("SELECT 1")).isEqualTo(1);
    }

    @DialectTest
    void dropsTheDatabaseOnClose(TestDialect which) {
        TestDatabase db = TestDatabases.create(which, "drop me");
        db.execute("CREATE TABLE t (id int)");
        assertThat(db.exists()).isTrue();
        db.close();
        assertThat(db.exists()).isFalse();
        db.close(); // idempotent
    }

    @Test
    void namesAreSafeAndUnique() {
        String a = TestDatabases.newName("Weird Label; DROP--");
        String b = TestDatabases.newName("Weird Label; DROP--");
        assertThat(a).matches("dbopt_t_weird_label_drop_\\d{12}_[0-9a-f]{4}").isNotEqualTo(b);
        assertThat(TestDatabases.newName("x".repeat(200)).length()).isLessThan(64);
    }

    @Test
    void narrowingIsExplicitAndValidated() {
        String old = System.getProperty(TestDialect.DIALECTS_PROPERTY);
        try {
            System.setProperty(TestDialect.DIALECTS_PROPERTY, "postgresql");
            assertThat(TestDialect.enabled()).containsExactly(TestDialect.POSTGRESQL);
            System.setProperty(TestDialect.DIALECTS_PROPERTY, "postgres");
            assertThatThrownBy(TestDialect::enabled).hasMessageContaining("postgresql, mariadb or all");
            System.clearProperty(TestDialect.DIALECTS_PROPERTY);
            assertThat(TestDialect.enabled()).containsExactly(TestDialect.POSTGRESQL, TestDialect.MARIADB);
        } finally {
            if (old == null) {
                System.clearProperty(TestDialect.DIALECTS_PROPERTY);
            } else {
                System.setProperty(TestDialect.DIALECTS_PROPERTY, old);
            }
        }
    }

    @Test
    void anExplicitUrlThatDoesNotAnswerIsAnErrorNotASkip() {
        assertThatThrownBy(() -> ServerLocator.fromUrl(TestDialect.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/db?user=postgres"))
                .isInstanceOf(TestDatabaseUnavailableException.class)
                .hasMessageContaining("DBOPT_TEST_POSTGRES_URL").hasMessageContaining("did not accept a connection");
        assertThatThrownBy(() -> ServerLocator.fromUrl(TestDialect.MARIADB, "mariadb://x"))
                .hasMessageContaining("must be a JDBC URL");
        TestServer fromEnvStyle = ServerLocator.fromUrl(TestDialect.MARIADB,
                "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        assertThat(fromEnvStyle.source()).isEqualTo("DBOPT_TEST_MARIADB_URL");
    }
}
