package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.UnsupportedDatabaseException;
import io.dbopt.index.ddl.IndexDdl;
import io.dbopt.index.ddl.IndexNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexKeyTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));
    private static final TableName USERS = TableName.of("public", "users");

    @Test
    void expressionKeysRenderWithTheColumnQuoted() {
        String key = IndexKey.expression("LOWER", "E\"mail");
        assertThat(key).isEqualTo("(lower(E\"mail))");
        assertThat(IndexKey.isExpression(key)).isTrue();
        assertThat(IndexKey.column(key)).isEqualTo("E\"mail");
        assertThat(IndexKey.function(key)).isEqualTo("lower");
        assertThat(IndexKey.render(key, PG)).isEqualTo("(lower(\"E\"\"mail\"))");
        assertThat(IndexKey.render("email", PG)).isEqualTo("email"); // quoted only when needed
        assertThat(IndexKey.render(IndexKey.expression("upper", "select"), PG)).isEqualTo("(upper(\"select\"))");
        assertThat(IndexKey.column("email")).isEqualTo("email");
        assertThat(IndexKey.namePart(key)).isEqualTo("lower_E\"mail");
    }

    @Test
    void createStatementsAndNamesUseTheExpression() {
        IndexDefinition index = IndexDefinition.on(USERS).columns("tenant_id", IndexKey.expression("lower", "email"))
                .build();
        String name = new IndexNames(PG, (t, n) -> false).choose(USERS, index.columns(), "idx");
        assertThat(name).isEqualTo("users_tenant_id_lower_email_idx");
        assertThat(IndexDdl.createOnline(PG, index.withName(name))).isEqualTo(
                "CREATE INDEX CONCURRENTLY users_tenant_id_lower_email_idx ON public.users "
                        + "(tenant_id, (lower(email)))");
        assertThatThrownBy(() -> IndexDdl.createOnline(MARIADB, index.withName(name)))
                .isInstanceOf(UnsupportedDatabaseException.class).hasMessageContaining("generated column");
    }

    @Test
    void malformedExpressionKeysAreRefusedNamingTheKey() {
        for (String bad : List.of("(lower(email)", "(lower email)", "(drop table x;(email))", "(Lower(email))",
                "(lower())")) {
            assertThatThrownBy(() -> IndexDefinition.btree(USERS, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> IndexKey.expression("lower; drop", "email"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
