package io.dbopt.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases the lint used to get wrong or miss (issue 19): each shows the unsafe statement flagged and the safe one
 * left alone, on the server version and transaction model that decide it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LintPrecisionTest {

    private static Dialect pg(int major, int minor) {
        return Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(major, minor, 0));
    }

    private static Dialect maria(int major, int minor) {
        return Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(major, minor, 0));
    }

    private static List<String> checks(Dialect dialect, TransactionModel model, String script) {
        return MigrationValidator.builder(dialect).assumeLockTimeout(true).assumeStatementTimeout(true)
                .transactions(model).build().lint("V1__t.sql", script).findings().stream()
                .map(f -> f.check().value()).toList();
    }

    private static List<String> pg15(String script) {
        return checks(pg(15, 0), TransactionModel.PER_FILE, script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gen_my_id()", "uuid()", "gen_random_uuid()", "clock_timestamp()", "myschema.next_id()",
        "nextval('orders_seq')", "md5(random()::text)"})
    void anUnknownOrVolatileFunctionInADefaultRewritesTheTable(String expression) {
        assertThat(pg15("ALTER TABLE orders ADD COLUMN c text DEFAULT " + expression))
                .contains("migration.volatile-default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"now() - interval '1 day'", "lower('X')", "CURRENT_DATE", "'{}'::jsonb", "0",
        "ARRAY[]::text[]", "pg_catalog.now()", "CAST('1' AS integer)", "statement_timestamp()"})
    void aDefaultEvaluatedOnceIsSafeSincePostgres11(String expression) {
        assertThat(pg15("ALTER TABLE orders ADD COLUMN c text DEFAULT " + expression))
                .doesNotContain("migration.volatile-default");
        assertThat(checks(pg(10, 0), TransactionModel.PER_FILE, "ALTER TABLE orders ADD COLUMN c text DEFAULT "
                + expression)).contains("migration.volatile-default");
    }

    @Test
    void aStoredGeneratedColumnRewritesTheTableAndIsNeverNotNullWithoutDefault() {
        assertThat(pg15("ALTER TABLE orders ADD COLUMN cents bigint GENERATED ALWAYS AS (amount * 100) STORED NOT NULL"))
                .contains("migration.stored-generated-column").doesNotContain("migration.not-null-without-default");
        assertThat(pg15("ALTER TABLE orders ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY"))
                .contains("migration.auto-increment-column").doesNotContain("migration.not-null-without-default");
    }

    @Test
    void constraintsWrittenInlineInAddColumnAreSeen() {
        assertThat(pg15("ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id)"))
                .contains("migration.constraint-not-valid", "migration.foreign-key-without-index");
        assertThat(pg15("ALTER TABLE orders ADD COLUMN code text UNIQUE")).contains("migration.unique-constraint");
        assertThat(pg15("ALTER TABLE orders ADD COLUMN id bigint PRIMARY KEY"))
                .contains("migration.unique-constraint", "migration.not-null-without-default");
        assertThat(pg15("ALTER TABLE orders ADD COLUMN qty bigint CHECK (qty > 0)"))
                .contains("migration.constraint-not-valid");
    }

    @Test
    void notValidAndValidateInOneTransactionIsFlaggedButNotInTwo() {
        String both = "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c_id) REFERENCES c (id) NOT VALID;\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT fk;";
        assertThat(pg15(both)).contains("migration.validate-in-same-transaction");
        assertThat(checks(pg(15, 0), TransactionModel.NONE, both)).doesNotContain("migration.validate-in-same-transaction");
        assertThat(checks(pg(15, 0), TransactionModel.NONE, "BEGIN;\n" + both + "\nCOMMIT;"))
                .contains("migration.validate-in-same-transaction");
        assertThat(pg15("ALTER TABLE orders VALIDATE CONSTRAINT fk")).isEmpty();
        assertThat(pg15("ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE customers VALIDATE CONSTRAINT c_fk"))
                .as("any lock blocking writes, held by the transaction, makes validation block writes")
                .contains("migration.validate-in-same-transaction");
    }

    @Test
    void notValidIsNeverSuggestedForUniqueOrPrimaryKey() {
        List<Finding> findings = MigrationValidator.builder(pg(15, 0)).assumeLockTimeout(true)
                .assumeStatementTimeout(true).build().lint("V1.sql", "ALTER TABLE orders ADD CONSTRAINT u UNIQUE (code)")
                .findings();
        assertThat(findings).extracting(f -> f.check().value()).containsExactly("migration.unique-constraint");
        assertThat(findings.get(0).fix().statements()).containsExactly(
                "CREATE UNIQUE INDEX CONCURRENTLY u ON orders (code)",
                "ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX u");
        assertThat(pg15("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (id) "
                + "DEFERRABLE INITIALLY DEFERRED NOT VALID")).containsExactly("migration.foreign-key-without-index");
    }

    @Test
    void everySpellingOfSerialAndVarcharIsRecognised() {
        for (String serial : List.of("serial", "serial2", "serial4", "serial8", "smallserial", "bigserial",
                "\"serial\"", "SERIAL")) {
            assertThat(pg15("CREATE TABLE t (id " + serial + " PRIMARY KEY)")).as(serial)
                    .contains("migration.serial-column");
        }
        for (String varchar : List.of("varchar(20)", "pg_catalog.varchar(20)", "character varying(20)",
                "VARCHAR (20)", "varchar(20)[]")) {
            assertThat(pg15("CREATE TABLE t (id bigint PRIMARY KEY, name " + varchar + ")")).as(varchar)
                    .contains("migration.varchar-length");
        }
        assertThat(pg15("CREATE TABLE t (id bigint PRIMARY KEY, name varchar, other text)"))
                .doesNotContain("migration.varchar-length");
    }

    @Test
    void intAndSmallintColumnsAreFlaggedNotOnlyPrimaryKeys() {
        assertThat(pg15("CREATE TABLE t (id bigint PRIMARY KEY, hits integer, rank smallint, code char(2))"))
                .contains("migration.int-column", "migration.smallint-column", "migration.char-column");
        assertThat(pg15("CREATE TABLE t (id int PRIMARY KEY)")).containsExactly("migration.int-primary-key");
    }

    @Test
    void setNotNullAfterAValidatedNotNullCheckIsTheSafeRecipeFromPostgres12() {
        String recipe = "ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;\n"
                + "COMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT status_nn;\n"
                + "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;";
        assertThat(checks(pg(12, 0), TransactionModel.NONE, "BEGIN;\n" + recipe + "\nCOMMIT;"))
                .doesNotContain("migration.set-not-null");
        assertThat(checks(pg(11, 0), TransactionModel.NONE, "BEGIN;\n" + recipe + "\nCOMMIT;"))
                .contains("migration.set-not-null");
        assertThat(checks(pg(15, 0), TransactionModel.NONE, "BEGIN;\n" + recipe.replace("SET NOT NULL", "")
                .replace("ALTER COLUMN status", "ALTER COLUMN note SET NOT NULL") + "\nCOMMIT;"))
                .contains("migration.set-not-null");
    }

    @Test
    void aNotNullCheckAddedByAnEarlierMigrationIsKnownToLaterOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__check.sql"),
                "ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;");
        Files.writeString(dir.resolve("V2__validate.sql"), "ALTER TABLE orders VALIDATE CONSTRAINT status_nn;\n"
                + "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;");
        Files.writeString(dir.resolve("V3__other.sql"), "ALTER TABLE orders VALIDATE CONSTRAINT status_nn;\n"
                + "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;");
        LintResult result = MigrationValidator.builder(pg(15, 0)).assumeLockTimeout(true).assumeStatementTimeout(true)
                .build().lintDirectory(dir);
        assertThat(result.findings()).extracting(f -> f.check().value() + "@" + f.location())
                .containsExactly("migration.set-not-null@V3__other.sql:2:20");
    }

    @Test
    void theTransactionModelDecidesWhereConcurrentlyCanRun() {
        String withSet = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);";
        assertThat(checks(pg(15, 0), TransactionModel.PER_FILE, withSet))
                .as("Flyway refuses a SET next to a CONCURRENTLY build").contains("migration.concurrently-in-transaction");
        assertThat(checks(pg(15, 0), TransactionModel.NONE, withSet)).isEmpty();
        assertThat(checks(pg(15, 0), TransactionModel.NONE, "BEGIN;\n" + withSet + "\nCOMMIT;"))
                .contains("migration.concurrently-in-transaction");
        assertThat(checks(pg(15, 0), TransactionModel.PER_FILE, "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"
                + "DROP INDEX CONCURRENTLY IF EXISTS j;")).as("only non-transactional statements: Flyway runs them")
                .isEmpty();
        assertThat(checks(pg(15, 0), TransactionModel.PER_FILE, "BEGIN;\nALTER TABLE t ADD COLUMN c text;\nCOMMIT;"))
                .contains("migration.transaction-nesting");
        assertThat(checks(pg(15, 0), TransactionModel.NONE, "BEGIN;\nALTER TABLE t ADD COLUMN c text;"))
                .contains("migration.uncommitted-transaction");
    }

    @Test
    void aFlywayScriptConfigurationCanTakeTheScriptOutOfTheTransaction(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "
                + "i ON t (a);");
        Files.writeString(dir.resolve("V2__b.sql"), "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "
                + "j ON t (b);");
        Files.writeString(dir.resolve("V2__b.sql.conf"), "executeInTransaction = false\n");
        LintResult result = MigrationValidator.builder(pg(15, 0)).assumeStatementTimeout(true).build()
                .lintDirectory(dir);
        assertThat(result.findings()).extracting(f -> f.check().value() + "@" + f.location())
                .containsExactly("migration.concurrently-in-transaction@V1__a.sql:2:1");
    }

    @Test
    void versionDecidesWhatIsSafe() {
        assertThat(checks(pg(11, 0), TransactionModel.PER_FILE, "REINDEX TABLE orders"))
                .contains("migration.non-concurrent-reindex");
        assertThat(checks(pg(14, 2), TransactionModel.NONE, "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)"))
                .containsExactly("migration.concurrent-index-corruption");
        assertThat(checks(pg(14, 4), TransactionModel.NONE, "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)"))
                .isEmpty();
        assertThat(checks(maria(10, 2), TransactionModel.PER_FILE, "ALTER TABLE t ADD COLUMN c text"))
                .contains("migration.alter-without-lock-none");
        assertThat(checks(maria(10, 3), TransactionModel.PER_FILE, "ALTER TABLE t ADD COLUMN c text")).isEmpty();
        assertThat(checks(maria(10, 3), TransactionModel.PER_FILE, "ALTER TABLE t DROP COLUMN c"))
                .contains("migration.alter-without-lock-none");
        assertThat(checks(maria(10, 4), TransactionModel.PER_FILE, "ALTER TABLE t DROP COLUMN c"))
                .doesNotContain("migration.alter-without-lock-none");
    }

    @Test
    void mariaDbChecksOfStrongMigrations() {
        assertThat(checks(maria(10, 11), TransactionModel.PER_FILE,
                "ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE, LOCK=SHARED")).contains("migration.blocking-lock-option");
        assertThat(checks(maria(10, 11), TransactionModel.PER_FILE, "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)"))
                .contains("migration.table-copying-alter");
        assertThat(checks(maria(10, 11), TransactionModel.PER_FILE,
                "ALTER TABLE t ADD COLUMN id2 bigint AUTO_INCREMENT UNIQUE")).contains("migration.auto-increment-column");
    }

    @Test
    void theSchemaRuleRunsOnlyWhenAsked() {
        String script = "CREATE TABLE coupons (id bigint PRIMARY KEY)";
        assertThat(pg15(script)).doesNotContain("migration.table-schema");
        assertThat(MigrationValidator.builder(pg(15, 0)).enable("table-schema").build().lint("V1.sql", script)
                .findings()).extracting(f -> f.check().value()).contains("migration.table-schema");
    }

    @Test
    void suppressionsNamingNoRuleOrSuppressingNothingAreReported() {
        assertThat(pg15("-- dbopt:ignore drop-tabel gone since 2.3\nDROP TABLE legacy;"))
                .containsExactlyInAnyOrder("migration.invalid-suppression", "migration.drop-table");
        assertThat(pg15("-- dbopt:ignore drop-table gone since 2.3\nALTER TABLE t ADD COLUMN c text;"))
                .containsExactly("migration.unused-suppression");
        assertThat(pg15("-- dbopt:ignore drop-table gone since 2.3\nDROP TABLE legacy;")).isEmpty();
    }

    @Test
    void findingsPointAtTheClauseWithLineAndColumnAndLinkTheirDocs() {
        List<Finding> findings = MigrationValidator.builder(pg(15, 0)).assumeLockTimeout(true)
                .assumeStatementTimeout(true).build().lint("V9__x.sql",
                        "ALTER TABLE orders\n  ADD COLUMN note text,\n  ADD COLUMN token uuid DEFAULT gen_random_uuid();")
                .findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.check().value()).isEqualTo("migration.volatile-default");
            assertThat(f.location()).isEqualTo("V9__x.sql:3:14");
            assertThat(f.evidenceValue("docs")).contains("docs/migration.md#volatile-default");
            assertThat(f.fix().statements()).containsExactly("ALTER TABLE orders ADD COLUMN token uuid",
                    "ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid()");
        });
    }

    @Test
    void tablesCreatedEarlierInTheScriptAreNotLockedByAnyone() {
        assertThat(pg15("CREATE TABLE t (id bigint PRIMARY KEY, code text);\nCREATE INDEX t_code_idx ON t (code);\n"
                + "ALTER TABLE t ADD CONSTRAINT t_code_key UNIQUE (code);\nALTER TABLE t ADD COLUMN n text NOT NULL;"))
                .isEmpty();
        assertThat(pg15("CREATE TABLE t (id bigint PRIMARY KEY);\nINSERT INTO t SELECT id FROM orders;\n"
                + "ALTER TABLE t ADD COLUMN n text NOT NULL;")).as("rows were put into the new table")
                .contains("migration.not-null-without-default");
    }
}
