package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.Dialect;
import io.dbopt.core.InvalidIdentifierException;
import io.dbopt.index.ddl.IndexDdl;
import io.dbopt.index.ddl.IndexNames;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.HostileNames;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The full list of hostile names (quotes, backticks, {@code ;--}, {@code $$}, newline, unicode, reserved words, names
 * at and past the server's length limit, NUL) as table, column and index names through the index DDL builders
 * (online create, online drop, rebuild): every statement runs as written, a canary table survives, names the server
 * cannot hold are refused with a typed error instead of being truncated, and generated names that would collide
 * after truncation stay apart.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileNameListIT {

    @DialectTest
    void everyHostileNameGoesThroughCreateRebuildAndDrop(TestDatabase db) {
        Dialect d = db.dialect();
        db.execute("CREATE TABLE " + HostileNames.CANARY + " (id int PRIMARY KEY)",
                "INSERT INTO " + HostileNames.CANARY + " VALUES (1)");
        int i = 0;
        for (String name : HostileNames.holdable(db)) {
            i++;
            String table = name;
            db.execute("CREATE TABLE " + d.quote(table) + " (id int PRIMARY KEY, " + d.quote(name) + " int)");
            try {
                TableName t = TableName.of(table);
                // PostgreSQL: an index shares its schema's namespace with the table, so it needs a name of its own
                String indexName = db.testDialect() == TestDialect.POSTGRESQL ? IndexDdlNames.sibling(db, name, i)
                        : name;
                IndexDefinition def = IndexDefinition.on(t).name(indexName).columns(name).build();
                db.execute(IndexDdl.createOnline(d, def));
                assertThat(indexCount(db, table)).as("index on %s", name).isEqualTo(2);
                db.execute(IndexDdl.rebuildOnline(d, t, indexName));
                db.execute(IndexDdl.dropOnline(d, t, indexName));
                assertThat(indexCount(db, table)).as("index on %s dropped", name).isEqualTo(1);
            } finally {
                db.execute("DROP TABLE " + d.quote(table));
            }
            assertThat(db.queryLong("SELECT COUNT(*) FROM " + HostileNames.CANARY)).as("canary after %s", name)
                    .isEqualTo(1);
        }
    }

    @DialectTest
    void namesTheServerCannotHoldAreRefusedNotTruncated(TestDatabase db) {
        Dialect d = db.dialect();
        for (String name : HostileNames.unholdable(db)) {
            Throwable t = catchThrowable(() -> IndexDdl.createOnline(d, IndexDefinition.on(TableName.of("t"))
                    .name(name).columns("id").build()));
            assertThat(t).as("index name of %d chars", name.length()).isInstanceOf(InvalidIdentifierException.class);
            assertThat(t.getMessage()).containsAnyOf("NUL", "choose a shorter name");
        }
    }

    @DialectTest
    void generatedNamesThatWouldCollideAfterTruncationStayApart(TestDatabase db) {
        Dialect d = db.dialect();
        String longColumn = "c".repeat(50);
        db.execute("CREATE TABLE " + d.quote("wide") + " (" + d.quote(longColumn + "_a") + " int, "
                + d.quote(longColumn + "_b") + " int)");
        IndexNames names = new IndexNames(d, (table, n) -> false);
        String a = names.choose(TableName.of("wide"), List.of(longColumn + "_a"), "idx");
        String b = names.choose(TableName.of("wide"), List.of(longColumn + "_b"), "idx");
        assertThat(a).isNotEqualTo(b);
        db.execute(IndexDdl.createOnline(d, IndexDefinition.on(TableName.of("wide")).name(a).columns(longColumn + "_a")
                .build()));
        db.execute(IndexDdl.createOnline(d, IndexDefinition.on(TableName.of("wide")).name(b).columns(longColumn + "_b")
                .build()));
        assertThat(indexCount(db, "wide")).isEqualTo(2);
    }

    private static long indexCount(TestDatabase db, String table) {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = ?"
                : "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = ?";
        try (var c = db.connection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Index names beside a hostile table name on PostgreSQL, where both share one namespace. */
    static final class IndexDdlNames {
        private IndexDdlNames() {
        }

        static String sibling(TestDatabase db, String name, int i) {
            int limit = db.dialect().maxIdentifierLength();
            String candidate = name + " ix";
            return candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= limit ? candidate
                    : "ix " + i + " " + name.substring(0, Math.min(name.length(), 20));
        }
    }
}
