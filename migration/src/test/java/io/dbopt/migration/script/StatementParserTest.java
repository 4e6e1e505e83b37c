package io.dbopt.migration.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    private static Ddl pg(String sql) {
        return new StatementParser(false).parse(SqlScript.parse("V1__t.sql", sql, false).statement(1));
    }

    private static Ddl maria(String sql) {
        return new StatementParser(true).parse(SqlScript.parse("V1__t.sql", sql, true).statement(1));
    }

    @Test
    void readsMariaDbDropTableOfNamesJsqlparserCannotParse() {
        Ddl.Drop drop = (Ddl.Drop) maria("DROP TABLE IF EXISTS `back``tick`, `new\nline` NOWAIT");
        assertThat(drop.kind()).isEqualTo(Ddl.ObjectKind.TABLE);
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.names()).extracting(Ddl.Name::name).containsExactly("back`tick", "new\nline");
        assertThat(maria("DROP TABLE")).isInstanceOf(Ddl.SyntaxError.class);
    }

    @Test
    void liftsConcurrentlyAndPartialPredicateBeforeParsing() {
        Ddl.CreateIndex ci = (Ddl.CreateIndex) pg(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS Orders_Idx ON public.orders USING btree (a, b) WHERE c > 0");
        assertThat(ci.name()).isEqualTo("orders_idx");
        assertThat(ci.table().name()).isEqualTo("orders");
        assertThat(ci.table().schema()).contains("public");
        assertThat(ci.unique()).isTrue();
        assertThat(ci.concurrently()).isTrue();
        assertThat(ci.ifNotExists()).isTrue();
        assertThat(ci.partial()).isTrue();
        assertThat(ci.columns()).containsExactly("a", "b");
    }

    @Test
    void readsAddColumnWithDefaultAndNotNull() {
        Ddl.AlterTable at = (Ddl.AlterTable) pg("ALTER TABLE t ADD COLUMN c uuid NOT NULL DEFAULT gen_random_uuid()");
        Ddl.AddColumn add = (Ddl.AddColumn) at.actions().get(0);
        assertThat(add.column().name()).isEqualTo("c");
        assertThat(add.column().type()).isEqualTo("uuid");
        assertThat(add.column().notNull()).isTrue();
        assertThat(add.column().defaultExpr()).contains("gen_random_uuid()");
    }

    @Test
    void readsAlterColumnForms() {
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t ALTER COLUMN c SET NOT NULL")).actions())
                .containsExactly(new Ddl.SetNotNull("c"));
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t ALTER COLUMN c DROP NOT NULL")).actions())
                .containsExactly(new Ddl.DropNotNull("c"));
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t ALTER COLUMN c SET DEFAULT 5")).actions())
                .containsExactly(new Ddl.SetDefault("c", "5"));
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t ALTER COLUMN c DROP DEFAULT")).actions())
                .containsExactly(new Ddl.DropDefault("c"));
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t ALTER COLUMN c TYPE bigint")).actions())
                .containsExactly(new Ddl.AlterColumnType("c", "bigint"));
        Ddl.AlterColumnType varchar = (Ddl.AlterColumnType) ((Ddl.AlterTable) pg(
                "ALTER TABLE t ALTER COLUMN c SET DATA TYPE varchar(50) USING c::varchar")).actions().get(0);
        assertThat(varchar.newType()).isEqualTo("varchar(50)");
        assertThat(varchar.typeRef().args()).containsExactly("50");
        assertThat(varchar.using()).contains("c::varchar");
    }

    @Test
    void readsConstraintsWithNotValidAndUsingIndex() {
        Ddl.AddConstraint fk = (Ddl.AddConstraint) ((Ddl.AlterTable) pg(
                "ALTER TABLE t ADD CONSTRAINT t_u_fk FOREIGN KEY (u_id) REFERENCES u (id) NOT VALID")).actions().get(0);
        assertThat(fk.notValid()).isTrue();
        assertThat(fk.constraint().kind()).isEqualTo(Ddl.ConstraintKind.FOREIGN_KEY);
        assertThat(fk.constraint().name()).contains("t_u_fk");
        assertThat(fk.constraint().columns()).containsExactly("u_id");
        assertThat(fk.constraint().refTable().map(Ddl.Name::name)).contains("u");

        Ddl.AddConstraint check = (Ddl.AddConstraint) ((Ddl.AlterTable) pg(
                "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0)")).actions().get(0);
        assertThat(check.notValid()).isFalse();
        assertThat(check.constraint().kind()).isEqualTo(Ddl.ConstraintKind.CHECK);

        Ddl.AddConstraint unique = (Ddl.AddConstraint) ((Ddl.AlterTable) pg(
                "ALTER TABLE t ADD CONSTRAINT uq UNIQUE USING INDEX uq_idx")).actions().get(0);
        assertThat(unique.constraint().kind()).isEqualTo(Ddl.ConstraintKind.UNIQUE);
        assertThat(unique.constraint().usingIndex()).contains("uq_idx");
        assertThat(unique.constraint().columns()).isEmpty();

        Ddl.AddConstraint plainUnique = (Ddl.AddConstraint) ((Ddl.AlterTable) pg(
                "ALTER TABLE t ADD CONSTRAINT uq UNIQUE (a)")).actions().get(0);
        assertThat(plainUnique.constraint().columns()).containsExactly("a");
    }

    @Test
    void readsRenamesAndDrops() {
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t RENAME COLUMN a TO b")).actions())
                .containsExactly(new Ddl.RenameColumn("a", "b"));
        assertThat(((Ddl.AlterTable) pg("ALTER TABLE t DROP COLUMN a")).actions())
                .containsExactly(new Ddl.DropColumn("a"));
        Ddl.Drop drop = (Ddl.Drop) pg("DROP INDEX CONCURRENTLY IF EXISTS idx");
        assertThat(drop.kind()).isEqualTo(Ddl.ObjectKind.INDEX);
        assertThat(drop.concurrently()).isTrue();
        assertThat(drop.ifExists()).isTrue();
        Ddl.RenameTables rename = (Ddl.RenameTables) maria("RENAME TABLE a TO b");
        assertThat(rename.from().get(0).name()).isEqualTo("a");
        assertThat(rename.to().get(0).name()).isEqualTo("b");
    }

    @Test
    void readsCreateTableColumnsAndConstraints() {
        Ddl.CreateTable ct = (Ddl.CreateTable) pg("CREATE TABLE \"Projects\" (id serial PRIMARY KEY, "
                + "name varchar(20) NOT NULL DEFAULT 'x', ts timestamp, owner_id int REFERENCES users(id), "
                + "CONSTRAINT uq UNIQUE (name))");
        assertThat(ct.table().name()).isEqualTo("Projects");
        assertThat(ct.table().quoted()).isTrue();
        assertThat(ct.columns()).extracting(Ddl.ColumnSpec::name).containsExactly("id", "name", "ts", "owner_id");
        Ddl.ColumnSpec id = ct.columns().get(0);
        assertThat(id.primaryKey()).isTrue();
        assertThat(id.type()).isEqualTo("serial");
        Ddl.ColumnSpec name = ct.columns().get(1);
        assertThat(name.fullType()).isEqualTo("varchar(20)");
        assertThat(name.defaultExpr()).contains("'x'");
        assertThat(ct.columns().get(3).references().map(Ddl.Name::name)).contains("users");
        assertThat(ct.constraints()).extracting(Ddl.ConstraintSpec::kind).containsExactly(Ddl.ConstraintKind.UNIQUE);
    }

    @Test
    void readsMariaDbAlterOptionsAndIndexes() {
        Ddl.AlterTable at = (Ddl.AlterTable) maria(
                "ALTER TABLE t ADD COLUMN c int, ADD INDEX idx (a), ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(at.algorithm()).contains("INPLACE");
        assertThat(at.lock()).contains("NONE");
        assertThat(at.actions()).hasSize(2);
        assertThat(at.actions().get(1)).isEqualTo(new Ddl.AddIndex(new Ddl.IndexSpec(Optional.of("idx"), List.of("a"),
                false)));
        Ddl.AlterTable modify = (Ddl.AlterTable) maria("ALTER TABLE t MODIFY COLUMN c bigint NOT NULL");
        assertThat(((Ddl.ModifyColumn) modify.actions().get(0)).column().type()).isEqualTo("bigint");
        Ddl.AlterTable dropFk = (Ddl.AlterTable) maria("ALTER TABLE t DROP FOREIGN KEY t_fk");
        assertThat(dropFk.actions()).containsExactly(new Ddl.DropConstraint("t_fk", true));
        Ddl.CreateIndex ci = (Ddl.CreateIndex) maria("CREATE INDEX idx ON t (a) ALGORITHM=INPLACE LOCK=NONE");
        assertThat(ci.algorithm()).contains("INPLACE");
        assertThat(ci.lock()).contains("NONE");
        assertThat(ci.name()).isEqualTo("idx");
    }

    @Test
    void readsSettingsAndTransactionsLexically() {
        assertThat(pg("SET LOCAL lock_timeout TO '5s'")).isEqualTo(new Ddl.SetSetting(List.of("lock_timeout"), true));
        assertThat(maria("SET SESSION lock_wait_timeout = 5, innodb_lock_wait_timeout = 5"))
                .isEqualTo(new Ddl.SetSetting(List.of("lock_wait_timeout", "innodb_lock_wait_timeout"), false));
        assertThat(pg("BEGIN")).isEqualTo(new Ddl.TransactionControl(true));
        assertThat(pg("COMMIT")).isEqualTo(new Ddl.TransactionControl(false));
    }

    @Test
    void classifiesEveryCommandAndReportsInvalidSqlInsteadOfFailing() {
        assertThat(pg("CREATE EXTENSION IF NOT EXISTS pg_trgm")).isEqualTo(new Ddl.Other("CREATE EXTENSION"));
        assertThat(pg("DO $$ BEGIN RAISE NOTICE 'x;y'; END $$")).isEqualTo(new Ddl.Other("DO"));
        assertThat(pg("THIS IS NOT SQL")).isInstanceOf(Ddl.SyntaxError.class);
        assertThat(maria("THIS IS NOT SQL")).isInstanceOf(Ddl.SyntaxError.class);
        assertThat(maria("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t")).isInstanceOf(Ddl.Other.class);
        Ddl.DataChange insert = (Ddl.DataChange) pg("INSERT INTO t (a) VALUES (1)");
        assertThat(insert.verb()).isEqualTo("INSERT");
        assertThat(insert.table()).contains(new Ddl.Name(Optional.empty(), "t", false));
        assertThat(insert.assignedColumns()).containsExactly("a");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            CreateIndex    | CREATE INDEX ON t (a)
            CreateIndex    | CREATE INDEX CONCURRENTLY ON t USING gin (doc jsonb_path_ops) WHERE deleted_at IS NULL
            Drop           | DROP INDEX a, b
            AlterTable     | ALTER TABLE t ADD COLUMN c uuid DEFAULT uuid()
            AlterTable     | ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now() - interval '1 day'
            AlterTable     | ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) DEFERRABLE INITIALLY DEFERRED NOT VALID
            CreateType     | CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')
            Drop           | DROP TYPE IF EXISTS mood CASCADE
            AlterTable     | ALTER TABLE t ENABLE ROW LEVEL SECURITY
            Reindex        | REINDEX (VERBOSE) TABLE CONCURRENTLY t
            Vacuum         | VACUUM (FULL, ANALYZE) t
            Cluster        | CLUSTER VERBOSE t USING t_pkey
            Lock           | LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE NOWAIT
            Drop           | DROP TRIGGER IF EXISTS trg ON t
            AlterType      | ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'
            CreateDomain   | CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0)
            AlterDomain    | ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE < 10) NOT VALID
            AlterTable     | ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY
            AlterTable     | ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (1) TO (10)
            CreateTable    | CREATE TABLE p2 PARTITION OF p FOR VALUES IN (1, 2)
            CreateTable    | CREATE UNLOGGED TABLE IF NOT EXISTS s.t (LIKE u INCLUDING ALL, c int GENERATED ALWAYS AS (1) STORED) WITH (fillfactor = 70)
            CreateTable    | CREATE TABLE t2 AS SELECT * FROM t WITH NO DATA
            CreateTrigger  | CREATE OR REPLACE TRIGGER trg BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()
            DataChange     | TRUNCATE ONLY a, b RESTART IDENTITY CASCADE
            DataChange     | UPDATE t AS x SET (a, b) = (1, 2), c = DEFAULT FROM u WHERE x.id = u.id RETURNING x.id
            DataChange     | WITH moved AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM moved
            Refresh        | REFRESH MATERIALIZED VIEW CONCURRENTLY mv WITH DATA
            RenameSchema   | ALTER SCHEMA old RENAME TO new
            Other          | CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$
            Other          | COMMENT ON COLUMN t.a IS 'the a'
            Other          | GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader
            Other          | CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1
            Other          | CREATE POLICY p ON t USING (tenant = current_setting('app.tenant'))
            SetSetting     | SET LOCAL statement_timeout = '5min'
            """)
    void readsThePostgresDdlJsqlparserCouldNot(String record, String sql) {
        Ddl ddl = pg(sql);
        assertThat(ddl.getClass().getSimpleName()).as(sql + " -> " + ddl).isEqualTo(record);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ALTER TABLE t ADD COLUMN c int NOT NULL DEFAUL 1",
        "CREAT TABLE t (a int)", "CREATE TABLE t (a int", "ALTER TABLE t ADD COLUMN", "CREATE INDEX i ON t a",
        "DROP TABLE", "ALTER TABLE t ALTER COLUMN c SET NOT NUL", "CREATE TABLE t (a int) PARTITION BY MAGIC (a)",
        "ALTER TABLE t FROBNICATE", "CREATE TYPE mood AS ENUM (sad)"})
    void invalidPostgresIsASyntaxErrorWithItsPlace(String sql) {
        assertThat(pg(sql)).as(sql).isInstanceOf(Ddl.SyntaxError.class);
    }

    @Test
    void readsTheFactsOfADetailedColumn() {
        Ddl.AddColumn add = (Ddl.AddColumn) ((Ddl.AlterTable) pg("ALTER TABLE t ADD COLUMN IF NOT EXISTS c "
                + "timestamp(3) with time zone[] COLLATE \"C\" CONSTRAINT c_check CHECK (c IS NOT NULL) "
                + "REFERENCES u (id) ON DELETE SET NULL DEFERRABLE")).actions().get(0);
        assertThat(add.ifNotExists()).isTrue();
        assertThat(add.column().typeRef().name()).isEqualTo("timestamp with time zone");
        assertThat(add.column().typeRef().args()).containsExactly("3");
        assertThat(add.column().typeRef().arrayDims()).isEqualTo(1);
        assertThat(add.column().checkExpr()).contains("c IS NOT NULL");
        assertThat(add.column().references().map(Ddl.Name::name)).contains("u");
        assertThat(add.column().deferrable()).isTrue();
        assertThat(add.column().offset()).isEqualTo(39);
    }

    @Test
    void readsMariaDbTableStatementsClauseByClause() {
        Ddl.AlterTable change = (Ddl.AlterTable) maria("ALTER TABLE users CHANGE COLUMN name full_name VARCHAR(200) "
                + "NOT NULL AFTER email, ADD COLUMN nick VARCHAR(50) INVISIBLE, DROP COLUMN IF EXISTS legacy, "
                + "ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(change.actions()).hasSize(3);
        assertThat(((Ddl.ChangeColumn) change.actions().get(0)).oldName()).isEqualTo("name");
        assertThat(((Ddl.ChangeColumn) change.actions().get(0)).column().name()).isEqualTo("full_name");
        assertThat(change.actions().get(2)).isEqualTo(new Ddl.DropColumn("legacy", true));
        assertThat(change.algorithm()).contains("INPLACE");
        assertThat(change.lock()).contains("NONE");

        Ddl.AlterTable generated = (Ddl.AlterTable) maria("ALTER TABLE t ADD COLUMN total DECIMAL(10,2) "
                + "AS (price * qty) PERSISTENT, ADD COLUMN id2 BIGINT UNSIGNED AUTO_INCREMENT UNIQUE");
        assertThat(((Ddl.AddColumn) generated.actions().get(0)).column().generation()).isEqualTo(Ddl.Generation.STORED);
        assertThat(((Ddl.AddColumn) generated.actions().get(1)).column().autoIncrement()).isTrue();

        Ddl.CreateTable table = (Ddl.CreateTable) maria("CREATE TABLE IF NOT EXISTS `orders` (`id` BIGINT UNSIGNED "
                + "NOT NULL AUTO_INCREMENT, `code` VARCHAR(20) NOT NULL, created_at DATETIME(6) NOT NULL DEFAULT "
                + "CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`id`), UNIQUE KEY uq_code (code), "
                + "KEY idx_created (created_at), CONSTRAINT fk_c FOREIGN KEY (c_id) REFERENCES customers (id) "
                + "ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        assertThat(table.columns()).extracting(Ddl.ColumnSpec::name).containsExactly("id", "code", "created_at");
        assertThat(table.columns().get(2).defaultExpr()).contains("CURRENT_TIMESTAMP(6)");
        assertThat(table.constraints()).extracting(Ddl.ConstraintSpec::kind)
                .containsExactly(Ddl.ConstraintKind.PRIMARY_KEY, Ddl.ConstraintKind.FOREIGN_KEY);
        assertThat(table.indexes()).extracting(Ddl.IndexSpec::unique).containsExactly(true, false);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ALTER TABLE t ADD COLUMN c INT NOT NUL",
        "ALTER TABLE t FROBNICATE", "CREATE TABLE t (a INT", "ALTER TABLE t MODIFY COLUMN", "CREATE INDEX i ON t a",
        "ALTER TABLE t ADD CONSTRAINT c BOGUS (a)"})
    void invalidMariaDbTableStatementsAreSyntaxErrors(String sql) {
        assertThat(maria(sql)).as(sql).isInstanceOf(Ddl.SyntaxError.class);
    }
}
