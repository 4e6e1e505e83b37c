package io.dbopt.bulk;

import static io.dbopt.bulk.BulkTests.ITEMS;
import static io.dbopt.bulk.BulkTests.createItems;
import static io.dbopt.bulk.BulkTests.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.bulk.BulkTests.Item;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.load.LoadRequest;
import io.dbopt.bulk.load.LoadResult;
import io.dbopt.bulk.load.LoadStrategy;
import io.dbopt.bulk.load.RowMapping;
import io.dbopt.bulk.load.RowSource;
import io.dbopt.core.DbOptException;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loads under faults: a connection killed mid-chunk, a server restart, a failed COPY on a pooled connection. */
@DbTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LoadFaultIT {

    /** Kills every other session of the test database the first time row {@code at} is read. */
    private static RowMapping<Item> killingAt(TestDatabase db, long at, AtomicBoolean done) {
        RowMapping.Builder<Item> b = RowMapping.builder();
        b.column("id", item -> {
            if (item.id() == at && done.compareAndSet(false, true)) {
                killLoaders(db);
            }
            return item.id();
        });
        b.column("qty", Item::qty).column("name", Item::name).column("price", Item::price)
                .column("created", Item::created).column("flag", Item::flag);
        return b.build();
    }

    static void killLoaders(TestDatabase db) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid()");
            } else {
                List<Long> ids = new java.util.ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = "
                        + "DATABASE() AND ID <> CONNECTION_ID()")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    st.execute("KILL " + id);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @DialectTest
    void aConnectionKilledMidChunkLeavesNothingAndTheChunkIsLoadedOnceOnANewOne(TestDatabase db) {
        createItems(db, "items");
        AtomicBoolean killed = new AtomicBoolean();
        try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 1000))) {
            LoadResult r = bulk.load(LoadRequest.into("items", killingAt(db, 1_500, killed)).jobId("killed"),
                    RowSource.of(items(1, 3_000)));
            assertThat(killed).isTrue();
            assertThat(r.retries()).isGreaterThanOrEqualTo(1);
            assertThat(r.rowsInserted()).isEqualTo(3_000);
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(3_000);
        assertThat(db.queryLong("SELECT COUNT(DISTINCT id) FROM items")).isEqualTo(3_000);
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void aFailedCopyNeverGoesBackToThePool(TestDatabase db) throws Exception {
        createItems(db, "items");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(hc);
             BulkOperationHandler bulk = BulkOperationHandler.builder().dataSource(pool).build()) {
            long before = pid(pool);
            List<Item> rows = new java.util.ArrayList<>(items(1, 100));
            rows.set(50, new Item(51, 1, "this name is far too long for it", null, null, null));
            LoadResult r = bulk.load(LoadRequest.into("items", ITEMS).strategy(LoadStrategy.COPY_TEXT).maxErrors(1),
                    RowSource.of(rows));
            assertThat(r.rowsInserted()).isEqualTo(99);
            long after = pid(pool);
            assertThat(after).as("the connection that saw the failed COPY was discarded").isNotEqualTo(before);
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
        }
    }

    private static long pid(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aPostgresRestartDuringALoadFailsTheChunkAndTheJobResumesWithTheExactCount() throws Exception {
        try (DedicatedServer server = DedicatedServer.startPostgres()) {
            restartDuringLoad(server);
        }
    }

    @Test
    void aMariaDbRestartDuringALoadFailsTheChunkAndTheJobResumesWithTheExactCount() throws Exception {
        try (DedicatedServer server = DedicatedServer.startMariaDb()) {
            restartDuringLoad(server);
        }
    }

    private static void restartDuringLoad(DedicatedServer server) {
        try (TestDatabase db = server.createDatabase("bulk_restart")) {
            createItems(db, "items");
            AtomicBoolean restarted = new AtomicBoolean();
            RowMapping.Builder<Item> b = RowMapping.builder();
            b.column("id", item -> {
                if (item.id() == 2_500 && restarted.compareAndSet(false, true)) {
                    server.stop();
                    server.start();
                }
                return item.id();
            });
            b.column("qty", Item::qty).column("name", Item::name);
            try (BulkOperationHandler bulk = BulkTests.handler(db, Map.of("bulk.chunk_rows", 1000,
                    "bulk.retry_attempts", 0))) {
                LoadRequest<Item> request = LoadRequest.into("items", b.build()).jobId("restart");
                assertThatThrownBy(() -> bulk.load(request, RowSource.of(items(1, 5_000))))
                        .isInstanceOfSatisfying(DbOptException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(BulkErrorCode.CHUNK_FAILED));
                assertThat(restarted).isTrue();
                assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(2_000);
                LoadResult r = bulk.load(LoadRequest.into("items", b.build()).jobId("restart"),
                        RowSource.of(items(1, 5_000)));
                assertThat(r.rowsSkipped()).isEqualTo(2_000);
                assertThat(r.rowsInserted()).isEqualTo(3_000);
            }
            assertThat(db.queryLong("SELECT COUNT(*) FROM items")).isEqualTo(5_000);
            assertThat(db.queryLong("SELECT COUNT(DISTINCT id) FROM items")).isEqualTo(5_000);
        }
    }
}
