package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.On;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.DbTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reliability test 9: tenant A never sees tenant B's rows, across pool reuse and failures. PostgreSQL enforces it
 * with row-level security on an embedded server of this test's own (creating a login role is server-wide state);
 * MariaDB, which has no row-level security, with a view filtering on the tenant variable dbopt sets and clears.
 */
@DbTest
class TenantIsolationIT {

    @Test
    @Timeout(120)
    void postgresRowLevelSecurityNeverLeaksATenantAcrossPooledConnections() throws Exception {
        try (DedicatedServer server = DedicatedServer.startPostgres();
             TestDatabase db = server.createDatabase("rls")) {
            db.execute("CREATE TABLE orders (id serial PRIMARY KEY,"
                            + " tenant_id text NOT NULL DEFAULT current_setting('app.tenant_id'), item text NOT NULL)",
                    "ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
                    "CREATE POLICY tenant_isolation ON orders"
                            + " USING (tenant_id = current_setting('app.tenant_id', true))"
                            + " WITH CHECK (tenant_id = current_setting('app.tenant_id', true))",
                    "CREATE ROLE app_user LOGIN",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO app_user",
                    "GRANT USAGE ON SEQUENCE orders_id_seq TO app_user");
            try (HikariDataSource pool = pool(db.jdbcUrl(), "app_user")) {
                verifyIsolation(pool, "SELECT item FROM orders ORDER BY item",
                        "INSERT INTO orders (item) VALUES (?)",
                        "SELECT coalesce(current_setting('app.tenant_id', true), '')");
            }
        }
    }

    @Test
    void mariaDbTenantVariableNeverLeaksAcrossPooledConnections(@On(TestDialect.MARIADB) TestDatabase db)
            throws Exception {
        db.execute("DROP VIEW IF EXISTS tenant_orders", "DROP TABLE IF EXISTS orders",
                "DROP FUNCTION IF EXISTS current_tenant",
                "CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, tenant_id varchar(256) NOT NULL,"
                        + " item varchar(100) NOT NULL)",
                "CREATE FUNCTION current_tenant() RETURNS varchar(256) NOT DETERMINISTIC READS SQL DATA"
                        + " RETURN @app_tenant_id",
                "CREATE VIEW tenant_orders AS SELECT id, tenant_id, item FROM orders"
                        + " WHERE tenant_id = current_tenant() WITH CHECK OPTION");
        try (HikariDataSource pool = pool(db.jdbcUrl(), db.user())) {
            verifyIsolation(pool, "SELECT item FROM tenant_orders ORDER BY item",
                    "INSERT INTO tenant_orders (tenant_id, item) VALUES (current_tenant(), ?)",
                    "SELECT coalesce(@app_tenant_id, '')");
        }
    }

    private static void verifyIsolation(HikariDataSource pool, String list, String insert, String tenantProbe)
            throws Exception {
        TransactionManager tm = TransactionManager.builder().dataSource(pool).requireTenant(true).build();
        TenantContext.runAs("tenant-a", () -> tm.run(tx -> {
            tx.update(insert, "a1");
            tx.update(insert, "a2");
        }));
        tm.run(TransactionOptions.named("order").tenant("tenant-b"), tx -> tx.update(insert, "b1"));

        assertThat(items(tm, "tenant-a", list)).containsExactly("a1", "a2");
        assertThat(items(tm, "tenant-b", list)).containsExactly("b1");

        // failures: an exception of the work, then a database error, each while running as tenant A
        Throwable own = catchThrowable(() -> tm.run(TransactionOptions.named("order").tenant("tenant-a"), tx -> {
            tx.update(insert, "a3");
            throw new IllegalStateException("payment declined");
        }));
        assertThat(own).hasMessage("payment declined");
        Throwable sql = catchThrowable(() -> tm.run(TransactionOptions.named("order").tenant("tenant-a"),
                tx -> tx.query("SELECT * FROM no_such_table", rs -> rs.getObject(1))));
        assertThat(sql).isNotNull();
        assertThat(items(tm, "tenant-b", list)).as("B after A's failures on the same pooled connection")
                .containsExactly("b1");

        // outside any transaction, the pooled connection carries no tenant and sees no tenant's rows
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(tenantProbe)) {
                rs.next();
                assertThat(rs.getString(1)).isEmpty();
            }
            try (ResultSet rs = st.executeQuery(list)) {
                assertThat(rs.next()).as("no rows without a tenant").isFalse();
            }
        }

        Throwable noTenant = catchThrowable(() -> tm.run(tx -> tx.query(list, rs -> rs.getString(1))));
        assertThat(((TransactionException) noTenant).errorCode()).isEqualTo(TransactionErrorCode.TENANT_REQUIRED);

        // two tenants interleaved on two threads sharing the one pooled connection
        List<Callable<Void>> tenants = new ArrayList<>();
        for (String tenant : List.of("tenant-a", "tenant-b")) {
            tenants.add(() -> {
                for (int i = 0; i < 30; i++) {
                    List<String> seen = items(tm, tenant, list);
                    assertThat(seen).allSatisfy(item -> assertThat(item).startsWith(tenant.substring(7)));
                }
                return null;
            });
        }
        Concurrency.runAll(tenants);
    }

    private static List<String> items(TransactionManager tm, String tenant, String list) {
        return TenantContext.callAs(tenant, () -> tm.execute(TransactionOptions.named("list").readOnly(),
                tx -> tx.query(list, rs -> rs.getString(1))));
    }

    private static HikariDataSource pool(String url, String user) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(1); // every transaction reuses the same connection
        config.setPoolName("tenant-test");
        return new HikariDataSource(config);
    }
}
