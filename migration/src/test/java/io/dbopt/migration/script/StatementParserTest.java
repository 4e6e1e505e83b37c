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
}
