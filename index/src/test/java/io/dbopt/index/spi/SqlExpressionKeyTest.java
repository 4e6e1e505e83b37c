package io.dbopt.index.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexKey;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqlExpressionKeyTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));

    @Test
    void sqlExpressionKeysRenderAsGivenAndKnowTheirColumn() {
        String key = IndexKey.sql("((\"Attrs\" ->> 'price')::numeric)");
        assertThat(key).isEqualTo("(((\"Attrs\" ->> 'price')::numeric))");
        assertThat(IndexKey.isSql(key)).isTrue();
        assertThat(IndexKey.isExpression(key)).isTrue();
        assertThat(IndexKey.column(key)).isEqualTo("Attrs");
        assertThat(IndexKey.column(IndexKey.sql("(attrs -> 'a' ->> 'b')"))).isEqualTo("attrs");
        assertThat(IndexKey.function(key)).isEmpty();
        assertThat(IndexKey.namePart(key)).isEqualTo("Attrs_expr");
        IndexDefinition index = IndexDefinition.on(TableName.of("public", "docs")).name("docs_price_idx")
                .columns(key).where("(attrs ->> 'status') = 'active'").build();
        assertThat(IndexDdl.createOnline(PG, index)).isEqualTo("CREATE INDEX CONCURRENTLY docs_price_idx ON "
                + "public.docs ((((\"Attrs\" ->> 'price')::numeric))) WHERE (attrs ->> 'status') = 'active'");
    }

    @Test
    void refusesWhatIsNotOneExpressionStartingWithItsColumn() {
        assertThatThrownBy(() -> IndexKey.sql("attrs ->> 'k'")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKey.sql("(attrs); DROP TABLE x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKey.sql("('k' || attrs)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not start with the column");
    }
}
