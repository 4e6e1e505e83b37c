package io.dbopt.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog reads the first tables of a schema one by one and then the whole schema at once: what it answers for
 * each table (columns, indexes, whether an index name is taken) is the same either way, missing tables stay missing,
 * and indexes created after the schema was read are seen once the table's indexes are forgotten.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CatalogIT {

    private static final int TABLES = Catalog.SINGLE_TABLE_READS + 4;

    /** One statement per table on MariaDB (indexes inline), where every DDL statement costs a table rebuild. */
    private static void tables(TestDatabase db) {
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        List<String> ddl = new ArrayList<>();
        for (int i = 0; i < TABLES; i++) {
            String t = db.dialect().quote("cat_" + i);
            String ab = db.dialect().quote("cat_" + i + "_a_b");
            String c = db.dialect().quote("cat_" + i + "_c_idx");
            String columns = "id integer NOT NULL PRIMARY KEY, a integer, b varchar(20), c integer";
            if (postgres) {
                ddl.add("CREATE TABLE " + t + " (" + columns + ")");
                ddl.add("CREATE INDEX " + ab + " ON " + t + " (a, b)");
                if (i % 2 == 0) {
                    ddl.add("CREATE INDEX " + c + " ON " + t + " (c)");
                }
            } else {
                ddl.add("CREATE TABLE " + t + " (" + columns + ", KEY " + ab + " (a, b)" + (i % 2 == 0 ? ", KEY " + c
                        + " (c)" : "") + ")");
            }
        }
        db.execute(ddl.toArray(String[]::new));
    }

    @DialectTest
    void readsTheWholeSchemaAfterTheFirstTablesAndAnswersAsOneByOne(TestDatabase db) throws Exception {
        tables(db);
        try (Connection bulk = db.connection(); Connection single = db.connection()) {
            String schema = Catalog.resolveSchema(bulk, db.dialect(), IndexOptions.defaults());
            Catalog many = new Catalog(bulk, db.dialect(), schema, IndexOptions.defaults());
            for (int i = 0; i < TABLES; i++) {
                TableName table = TableName.of(schema, "cat_" + i);
                Catalog one = new Catalog(single, db.dialect(), schema, IndexOptions.defaults());
                assertThat(many.table(table)).as("columns of %s", table).isEqualTo(one.table(table))
                        .hasValueSatisfying(t -> assertThat(t.columnTypes()).containsOnlyKeys("id", "a", "b", "c"));
                assertThat(many.indexes(table)).as("indexes of %s", table)
                        .containsExactlyInAnyOrderElementsOf(one.indexes(table))
                        .hasSize(i % 2 == 0 ? 3 : 2);
            }
            io.dbopt.index.ddl.IndexNames names = many.names();
            for (int i = 0; i < TABLES; i++) {
                assertThat(names.choose(TableName.of(schema, "cat_" + i), List.of("c"), "idx")).as("name on cat_%d", i)
                        .isEqualTo(i % 2 == 0 ? "cat_" + i + "_c_idx2" : "cat_" + i + "_c_idx");
            }
            assertThat(many.table(TableName.of(schema, "cat_missing"))).isEmpty();
            assertThat(many.indexes(TableName.of(schema, "cat_missing"))).isEmpty();

            TableName last = TableName.of(schema, "cat_" + (TABLES - 1));
            db.execute("CREATE INDEX " + db.dialect().quote("cat_late_b") + " ON " + last.quoted(db.dialect())
                    + " (b)");
            many.forgetIndexes(last);
            assertThat(many.indexes(last)).extracting(ExistingIndex::name).contains("cat_late_b");
        }
    }
}
