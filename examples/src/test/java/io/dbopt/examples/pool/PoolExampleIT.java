package io.dbopt.examples.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.HealthStatus;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/** The seed's usage example, run on both servers with the test database's URL in SQLAlchemy form. */
@DbTest
@Timeout(60)
class PoolExampleIT {

    @DialectTest
    void runsTheSeedsExampleAgainstARealDatabase(TestDatabase db) {
        db.execute("CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, tenant_id varchar(32), name varchar(50))",
                "DELETE FROM users",
                "INSERT INTO users VALUES (1, 'tenant-123', 'ada'), (2, 'tenant-456', 'bob'), (3, 'tenant-123', 'cy')");
        PoolExample.Result result = PoolExample.run(sqlAlchemyUrl(db));
        assertThat(result.results()).containsExactlyInAnyOrder("ada", "cy");
        assertThat(result.metrics().values()).containsEntry("size", 10).containsEntry("checked_out", 0)
                .containsEntry("acquisitions", 1L);
        assertThat(result.metrics().max()).isEqualTo(30);
        assertThat(result.health()).isEqualTo(HealthStatus.UP);
    }

    /** {@code postgresql://user[:password]@host:port/db}, or {@code mysql://...} for MariaDB. */
    private static String sqlAlchemyUrl(TestDatabase db) {
        String scheme = db.testDialect() == TestDialect.POSTGRESQL ? "postgresql://" : "mysql://";
        String password = db.password().isEmpty() ? "" : ":" + URLEncoder.encode(db.password(), StandardCharsets.UTF_8);
        return scheme + db.user() + password + "@" + db.server().host() + ":" + db.server().port() + "/" + db.name();
    }
}
