package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.On;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.transaction.server.MetadataLockWaits;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB metadata-lock pile-up InnoDB's views do not show: an idle transaction that read a table, an ALTER TABLE
 * waiting for it, and a query queued behind the ALTER. The blocking tree roots at the idle transaction.
 */
@DbTest
class MetadataLockWaitIT {

    @Test
    void alterBehindAnIdleTransactionAndQueriesBehindTheAlterFormOneTree(@On(TestDialect.MARIADB) TestDatabase db)
            throws Exception {
        db.execute("UPDATE performance_schema.setup_instruments SET ENABLED = 'YES', TIMED = 'YES' "
                        + "WHERE NAME = 'wait/lock/metadata/sql/mdl'",
                "CREATE TABLE mdl_items (id int PRIMARY KEY)", "INSERT INTO mdl_items VALUES (1)");
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (HikariDataSource pool = Pools.pool(db, 2);
             Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            holder.setAutoCommit(false);
            hold.executeQuery("SELECT * FROM mdl_items").close(); // holds a shared metadata lock until it ends
            threads.add(background(db, "ALTER TABLE mdl_items ADD COLUMN note varchar(20)", failure));
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> tm.monitor().serverTransactions().stream().anyMatch(t -> t.query().startsWith("ALTER")));
            threads.add(background(db, "SELECT count(*) FROM mdl_items", failure));

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tm.deadlockDetector().blockingTree().roots().stream()
                            .anyMatch(r -> r.blockedCount() == 2));
            BlockingTree tree = tm.deadlockDetector().blockingTree();
            BlockingTree.Node root = tree.roots().get(0);
            assertThat(root.depth()).as("holder, ALTER, query").isEqualTo(2);
            BlockingTree.Node alter = root.blocked().get(0);
            assertThat(alter.session()).hasValueSatisfying(s -> {
                assertThat(s.query()).startsWith("ALTER TABLE mdl_items");
                assertThat(s.state()).isEqualTo("waiting for lock");
                assertThat(s.waitingFor()).contains("metadata lock EXCLUSIVE on ").contains("mdl_items");
            });
            assertThat(alter.blocked()).singleElement().satisfies(query -> assertThat(query.session())
                    .hasValueSatisfying(s -> assertThat(s.waitingFor()).contains("metadata lock SHARED_READ")));
            assertThat(tree.render()).anySatisfy(line -> assertThat(line).contains("ALTER TABLE mdl_items"));
        } finally {
            // the holder's connection closed: its transaction ends, the ALTER and then the query proceed
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        assertThat(failure.get()).isNull();
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'mdl_items' AND COLUMN_NAME = 'note'")).isEqualTo(1);
    }

    @Test
    void conflictRulesFollowMariaDbsMatrix() {
        assertThat(MetadataLockWaits.conflicts("EXCLUSIVE", "SHARED_READ")).isTrue();
        assertThat(MetadataLockWaits.conflicts("SHARED_READ", "SHARED_UPGRADABLE")).isFalse();
        assertThat(MetadataLockWaits.conflicts("SHARED_READ", "SHARED_NO_READ_WRITE")).isTrue();
        assertThat(MetadataLockWaits.conflicts("SHARED_WRITE", "SHARED_NO_WRITE")).isTrue();
        assertThat(MetadataLockWaits.conflicts("SHARED_UPGRADABLE", "SHARED_UPGRADABLE")).isTrue();
        assertThat(MetadataLockWaits.conflicts("SHARED_HIGH_PRIO", "SHARED_NO_READ_WRITE")).isFalse();
        assertThat(MetadataLockWaits.queuedAhead("SHARED_READ", "EXCLUSIVE")).isTrue();
        assertThat(MetadataLockWaits.queuedAhead("SHARED_HIGH_PRIO", "EXCLUSIVE")).isFalse();
        assertThat(MetadataLockWaits.queuedAhead("EXCLUSIVE", "SHARED_READ")).isFalse();
    }

    private static Thread background(TestDatabase db, String sql, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = 60");
                s.execute(sql);
            } catch (SQLException e) {
                failure.compareAndSet(null, e);
            }
        }, "mdl-" + sql.substring(0, 5));
        t.start();
        return t;
    }
}
