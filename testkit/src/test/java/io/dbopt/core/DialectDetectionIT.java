package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;

/** Core's database tests live in the testkit module: core cannot use the testkit without a Maven cycle. */
@DbTest
class DialectDetectionIT {

    @DialectTest
    void detectsProductVersionAndCapabilities(TestDatabase db) {
        DatabaseInfo info = DatabaseInfo.detect(db.dataSource());
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            assertThat(info.dialect()).isInstanceOf(PostgresDialect.class);
            assertThat(info.dialect().product()).isEqualTo(DatabaseProduct.POSTGRESQL);
            assertThat(info.dialect().version().isAtLeast(12, 0)).isTrue();
            assertThat(info.dialect().supportsTransactionalDdl()).isTrue();
            assertThat(info.dialect().supports(Capability.CONCURRENT_INDEX)).isTrue();
            assertThat(info.currentSchema()).isEqualTo("public");
            assertThat(info.dialect().resourceFolder()).isEqualTo("postgresql");
        } else {
            assertThat(info.dialect()).isInstanceOf(MariaDbDialect.class);
            assertThat(info.dialect().product()).isEqualTo(DatabaseProduct.MARIADB);
            assertThat(((MariaDbDialect) info.dialect()).isMySql()).isFalse();
            assertThat(info.dialect().version().isAtLeast(10, 5)).isTrue();
            assertThat(info.dialect().supportsTransactionalDdl()).isFalse();
            assertThat(info.dialect().supports(Capability.ONLINE_ALTER)).isTrue();
            assertThat(info.currentSchema()).isEqualTo(db.name());
        }
        assertThat(info.userName()).isNotBlank();
        assertThat(info.redactedUrl()).contains(db.name());
        assertThat(info.describe()).contains(info.dialect().toString());
    }

    @DialectTest
    void versionMatchesWhatTheServerSays(TestDatabase db) {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT current_setting('server_version_num')::int / 10000"
                : "SELECT CAST(SUBSTRING_INDEX(VERSION(), '.', 1) AS UNSIGNED)";
        assertThat(db.dialect().version().major()).isEqualTo((int) db.queryLong(sql));
    }
}
