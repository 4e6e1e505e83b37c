package io.dbopt.index.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.UnsupportedDatabaseException;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.TableName;
import org.junit.jupiter.api.Test;

class IndexDdlTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));
    private static final TableName HOSTILE = TableName.of("app", "Order \"Items\"");

    @Test
    void postgresCreatesConcurrentlyWithEveryNameQuoted() {
        IndexDefinition index = IndexDefinition.on(HOSTILE).name("select idx").columns("select", "we\"ird")
                .include("total").where("\"status\" = 'new'").build();
        assertThat(IndexDdl.createOnline(PG, index)).isEqualTo("CREATE INDEX CONCURRENTLY \"select idx\" ON "
                + "app.\"Order \"\"Items\"\"\" (\"select\", \"we\"\"ird\") INCLUDE (total) WHERE \"status\" = 'new'");
        assertThat(IndexDdl.dropOnline(PG, HOSTILE, "select idx"))
                .isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS app.\"select idx\"");
        assertThat(IndexDdl.hypothetical(PG, index)).startsWith("CREATE INDEX ON app.");
    }

    @Test
    void mariaDbUsesOnlineAlterTableWithBackticks() {
        TableName table = TableName.of("shop", "order`items");
        IndexDefinition index = IndexDefinition.on(table).name("by`status").columns("status", "created at").build();
        assertThat(IndexDdl.createOnline(MARIADB, index)).isEqualTo("ALTER TABLE shop.`order``items` ADD INDEX "
                + "`by``status` (status, `created at`), ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(IndexDdl.setIgnored(MARIADB, table, "by`status", true))
                .isEqualTo("ALTER TABLE shop.`order``items` ALTER INDEX `by``status` IGNORED");
    }

    @Test
    void refusesWhatTheServerCannotDo() {
        IndexDefinition gin = IndexDefinition.on(HOSTILE).name("g").columns("doc").method(IndexMethod.GIN).build();
        assertThatThrownBy(() -> IndexDdl.createOnline(MARIADB, gin)).isInstanceOf(UnsupportedDatabaseException.class);
        assertThatThrownBy(() -> IndexDdl.setIgnored(PG, HOSTILE, "g", true))
                .isInstanceOf(UnsupportedDatabaseException.class);
        assertThatThrownBy(() -> IndexDdl.createOnline(PG, IndexDefinition.btree(HOSTILE, "a")))
                .hasMessageContaining("no name");
        assertThatThrownBy(() -> IndexDefinition.on(HOSTILE).columns("a").where("true; DROP TABLE x").build())
                .hasMessageContaining("';'");
    }
}
