package io.dbopt.index.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.index.TableName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexNamesTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    @Test
    void longNamesAreCutToSixtyThreeBytesWithAHashSoTheyDoNotCollide() {
        IndexNames names = new IndexNames(PG, (t, n) -> false);
        TableName table = TableName.of("public", "a_rather_long_table_name_for_customer_orders_in_europe");
        String a = names.choose(table, List.of("customer_identifier", "created_at"), "idx");
        String b = names.choose(table, List.of("customer_identifier", "updated_at"), "idx");

        assertThat(a.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(b.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(a).isNotEqualTo(b).endsWith("_idx");
        PG.validateIdentifier(a);
    }

    @Test
    void multiByteNamesAreCutOnCharacterBoundaries() {
        IndexNames names = new IndexNames(PG, (t, n) -> false);
        String name = names.choose(TableName.of("public", "zählerstände_übersicht_für_größere_tabellen"),
                List.of("straße", "größe"), "idx");
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @Test
    void takenNamesGetANumber() {
        Set<String> existing = Set.of("orders_status_idx");
        IndexNames names = new IndexNames(PG, (t, n) -> existing.contains(n));
        TableName orders = TableName.of("public", "orders");
        assertThat(names.choose(orders, List.of("status"), "idx")).isEqualTo("orders_status_idx2");
        assertThat(names.choose(orders, List.of("status"), "idx")).isEqualTo("orders_status_idx3");
    }

    @Test
    void mariaDbComparesNamesWithoutCaseAndCountsCharacters() {
        IndexNames names = new IndexNames(MARIADB, (t, n) -> false);
        TableName t = TableName.of("db", "Orders");
        assertThat(names.choose(t, List.of("Status"), "idx")).isEqualTo("Orders_Status_idx");
        assertThat(names.isTaken(t, "orders_status_IDX")).isTrue();
        String longName = names.choose(t, List.of("é".repeat(70)), "idx");
        assertThat(longName.codePointCount(0, longName.length())).isLessThanOrEqualTo(64);
    }
}
