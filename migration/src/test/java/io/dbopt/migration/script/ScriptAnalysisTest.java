package io.dbopt.migration.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which tables a PostgreSQL script creates before anything else touches them (pure parsing, no server). */
@Timeout(30)
class ScriptAnalysisTest {

    private static List<Ddl> pg(String sql) {
        return new StatementParser(false).parseAll(SqlScript.parse("V1__t.sql", sql, false));
    }

    @Test
    void tablesCreatedByTheirFirstStatementAreListedAsStored() {
        List<Ddl> ddl = pg("""
                CREATE TABLE Orders (id bigint PRIMARY KEY);
                CREATE INDEX orders_id_idx ON orders (id);
                CREATE TABLE "Lines" (id bigint);
                ALTER TABLE customers ADD COLUMN note text;
                """);

        assertThat(ScriptAnalysis.tablesCreatedFirst(ddl)).containsExactlyInAnyOrder("orders", "Lines");
        assertThat(ScriptAnalysis.tablesTouched(ddl)).hasValueSatisfying(t -> assertThat(t)
                .contains("orders", "Lines", "customers"));
    }

    @Test
    void aTableTouchedBeforeItsCreateOrCreatedConditionallyIsNotListed() {
        assertThat(ScriptAnalysis.tablesCreatedFirst(pg("""
                DROP TABLE items;
                CREATE TABLE items (id bigint);
                """))).isEmpty();
        assertThat(ScriptAnalysis.tablesCreatedFirst(pg("""
                ALTER TABLE old_items RENAME TO items;
                CREATE TABLE old_items (id bigint);
                CREATE TABLE items (id bigint);
                """))).isEmpty();
        assertThat(ScriptAnalysis.tablesCreatedFirst(pg("CREATE TABLE IF NOT EXISTS items (id bigint);"))).isEmpty();
        assertThat(ScriptAnalysis.tablesCreatedFirst(pg("CREATE TEMPORARY TABLE items (id bigint);"))).isEmpty();
    }

    @Test
    void aScriptThatNeedsTheWholeSchemaListsNoCreatedTable() {
        assertThat(ScriptAnalysis.tablesCreatedFirst(pg("""
                CREATE TABLE items (id bigint);
                CREATE VIEW items_v AS SELECT id FROM items;
                """))).isEmpty();
        assertThat(ScriptAnalysis.tablesCreatedFirst(pg("CREATE TABLE app.items (id bigint);"))).isEqualTo(Set.of());
    }
}
