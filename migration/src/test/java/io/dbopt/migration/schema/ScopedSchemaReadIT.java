package io.dbopt.migration.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.Dialect;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The scoped read a migration's snapshot uses (on PostgreSQL one round trip for the current schema and four catalog
 * queries) gives the same tables as the whole-schema read, inside a transaction and outside one.
 */
@DbTest
class ScopedSchemaReadIT {

    @DialectTest
    @Timeout(60)
    void scopedReadEqualsTheWholeSchemaReadOfTheSameTables(TestDatabase db, Dialect dialect, TestDialect which)
            throws Exception {
        db.execute(MigrationGeneratorIT.desiredSchema(which));
        SchemaReader reader = SchemaReader.of(dialect);
        try (Connection c = db.connection()) {
            SchemaSnapshot whole = reader.read(c);
            SchemaSnapshot scoped = reader.read(c, List.of("projects", "users", "missing"));
            assertThat(scoped.schema()).isEqualTo(whole.schema());
            assertThat(scoped.scope()).containsExactly("missing", "projects", "users");
            assertThat(scoped.tables()).hasSize(2);
            for (TableSchema t : scoped.tables()) {
                assertThat(whole.table(t.name())).contains(t);
            }
            assertThat(scoped.table("projects").orElseThrow().constraints()).isNotEmpty();
            assertThat(scoped.table("projects").orElseThrow().indexes()).isNotEmpty();
            assertThat(scoped.table("users").orElseThrow().columns()).hasSize(3);

            c.setAutoCommit(false);
            SchemaSnapshot inTransaction = reader.read(c, List.of("users"));
            c.rollback();
            assertThat(inTransaction.tables()).containsExactly(whole.table("users").orElseThrow());
        }
    }
}
