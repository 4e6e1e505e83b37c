package io.dbopt.migration.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import org.junit.jupiter.api.Test;

@DbTest
class RollbackScriptGeneratorIT {

    private static final String PG_BASE = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email text, tier text DEFAULT 'basic');
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, amount numeric(10,2), legacy_code text);
            CREATE INDEX orders_legacy_idx ON orders (legacy_code);
            """;
    private static final String PG_MIGRATION = """
            CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL);
            CREATE INDEX invoices_order_idx ON invoices (order_id);
            INSERT INTO invoices VALUES (1, 1);
            ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new', ADD COLUMN note text;
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;
            ALTER TABLE customers ALTER COLUMN tier SET DEFAULT 'gold';
            ALTER TABLE customers RENAME COLUMN email TO email_address;
            ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);
            DROP INDEX orders_legacy_idx;
            CREATE VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;
            CREATE SEQUENCE invoice_numbers;
            """;
    private static final String MARIA_BASE = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200), tier varchar(20) DEFAULT 'basic');
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, amount decimal(10,2), legacy_code varchar(20));
            CREATE INDEX orders_legacy_idx ON orders (legacy_code);
            """;
    private static final String MARIA_MIGRATION = """
            CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL);
            CREATE INDEX invoices_order_idx ON invoices (order_id);
            INSERT INTO invoices VALUES (1, 1);
            ALTER TABLE orders ADD COLUMN status varchar(10) NOT NULL DEFAULT 'new', ADD COLUMN note text;
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
            ALTER TABLE orders MODIFY COLUMN amount decimal(12,2) NOT NULL;
            ALTER TABLE customers ALTER COLUMN tier SET DEFAULT 'gold';
            ALTER TABLE customers RENAME COLUMN email TO email_address;
            ALTER TABLE orders DROP INDEX orders_legacy_idx;
            CREATE VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;
            CREATE SEQUENCE invoice_numbers;
            """;

    @DialectTest
    void generatedUndoRestoresTheSchemaBeforeTheMigration(TestDatabase db, Dialect dialect, TestDialect which) {
        boolean pg = which == TestDialect.POSTGRESQL;
        SqlScript base = SqlScript.parse("V1__base.sql", pg ? PG_BASE : MARIA_BASE, dialect);
        SqlScript migration = SqlScript.parse("V2__change.sql", pg ? PG_MIGRATION : MARIA_MIGRATION, dialect);
        base.statements().forEach(s -> db.execute(s.sql()));
        SchemaReader reader = SchemaReader.of(dialect);
        SchemaSnapshot before = reader.read(db.dataSource());

        UndoScript undo = RollbackScriptGenerator.of(dialect).generate(migration, before);
        assertThat(undo.irreversible()).isEmpty();
        migration.statements().forEach(s -> db.execute(s.sql()));
        assertThat(SchemaDiff.between(before, reader.read(db.dataSource())).isEmpty()).isFalse();

        undo.statements().forEach(db::execute);
        assertThat(SchemaDiff.between(reader.read(db.dataSource()), before).describe()).isEmpty();
    }

    @Test
    void flagsWhatOnlyAHandWrittenUndoCanReverse() {
        Dialect pg = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
        UndoScript undo = RollbackScriptGenerator.of(pg).generate(SqlScript.parse("V7__cleanup.sql", """
                CREATE TABLE archive (id bigint PRIMARY KEY);
                INSERT INTO archive SELECT id FROM orders;
                ALTER TABLE orders DROP COLUMN legacy_code;
                UPDATE orders SET status = 'closed';
                ALTER TABLE orders ALTER COLUMN tier SET DEFAULT 'x';
                DROP TABLE old_stuff;
                """, pg));
        assertThat(undo.statements()).containsExactly("DROP TABLE archive");
        assertThat(undo.irreversible()).extracting(UndoScript.Irreversible::line).containsExactly(3, 4, 5, 6);
        assertThat(undo.irreversible()).extracting(UndoScript.Irreversible::reason)
                .anyMatch(r -> r.contains("DROP COLUMN orders.legacy_code loses its data"))
                .anyMatch(r -> r.contains("UPDATE changes data in orders"))
                .anyMatch(r -> r.contains("previous default"));
        assertThat(undo.isComplete()).isFalse();
        assertThat(undo.text()).contains("-- NOT REVERSED: statement 3 (line 3)");
        // lost rows of existing tables are restorable from kept rows; an unknown previous default is not
        assertThat(undo.irreversible()).extracting(i -> i.line() + " " + i.dataOf().orElse("-"))
                .containsExactly("3 orders", "4 orders", "5 -", "6 old_stuff");
        assertThat(undo.tablesToRestore()).containsExactly("orders", "old_stuff");
        assertThat(undo.isCompleteWithData()).isFalse();
    }

    @Test
    void dataChangesOnTablesTheScriptCreatedNeedNoRows() {
        Dialect pg = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
        UndoScript undo = RollbackScriptGenerator.of(pg).generate(SqlScript.parse("V8__move.sql", """
                CREATE TABLE archive (id bigint PRIMARY KEY);
                INSERT INTO archive SELECT id FROM orders;
                DELETE FROM orders WHERE closed;
                ALTER TABLE other_schema.orders DROP COLUMN note;
                """, pg));
        assertThat(undo.irreversible()).extracting(i -> i.line() + " " + i.dataOf().orElse("-"))
                .containsExactly("3 orders", "4 -");
        assertThat(undo.isCompleteWithData()).isFalse();
        UndoScript restorable = RollbackScriptGenerator.of(pg).generate(SqlScript.parse("V9__purge.sql",
                "DELETE FROM orders WHERE closed;\nALTER TABLE orders DROP COLUMN note;\n", pg));
        assertThat(restorable.isComplete()).isFalse();
        assertThat(restorable.isCompleteWithData()).isTrue();
        assertThat(restorable.tablesToRestore()).containsExactly("orders");
        UndoScript truncated = RollbackScriptGenerator.of(pg).generate(SqlScript.parse("V10__reset.sql",
                "TRUNCATE TABLE audit;\nTRUNCATE orders CASCADE;\n", pg));
        assertThat(truncated.irreversible()).extracting(i -> i.line() + " " + i.dataOf().orElse("-"))
                .containsExactly("1 audit", "2 -");
    }
}
