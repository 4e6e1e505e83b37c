package io.dbopt.index.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.index.TableName;
import io.dbopt.query.sql.StatementKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing is pure logic: the catalog is a map here. */
class QueryShapesTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    private static final SchemaLookup CATALOG = (schema, name) -> switch (name) {
        case "orders" -> Optional.of(table("orders", "id", "customer_id", "status", "created_at", "total", "doc"));
        case "customers" -> Optional.of(table("customers", "id", "name", "country"));
        case "Order Items" -> Optional.of(table("Order Items", "id", "select", "order id"));
        default -> Optional.empty();
    };

    private static TableColumns table(String name, String... columns) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String c : columns) {
            types.put(c, c.equals("doc") ? "jsonb" : "bigint");
        }
        return new TableColumns(TableName.of("public", name), types, 1000, 8192);
    }

    private static TableAccess only(String sql, Dialect dialect) {
        QueryShape shape = QueryShapes.parse(sql, dialect, CATALOG).orElseThrow();
        assertThat(shape.tables()).hasSize(1);
        return shape.tables().get(0);
    }

    @Test
    void classifiesEqualityRangeInAndOrder() {
        TableAccess a = only("SELECT id, total FROM orders WHERE status = $1 AND customer_id IN ($2, $3) "
                + "AND created_at > now() - interval '1 day' ORDER BY created_at DESC LIMIT 10", PG);
        assertThat(a.predicates()).extracting(ColumnPredicate::column, ColumnPredicate::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("status", PredicateKind.EQUALITY),
                org.assertj.core.groups.Tuple.tuple("customer_id", PredicateKind.IN),
                org.assertj.core.groups.Tuple.tuple("created_at", PredicateKind.RANGE));
        assertThat(a.orderBy()).containsExactly("created_at");
        assertThat(a.orderDescending()).isTrue();
        assertThat(a.limited()).isTrue();
        assertThat(a.referenced()).contains("id", "total", "status");
    }

    @Test
    void functionsOfAColumnBecomeExpressionPredicatesNotColumnPredicates() {
        TableAccess a = only("SELECT id FROM orders WHERE LOWER(status) = ? AND date(created_at) >= ? "
                + "AND upper(status) IN ('A', 'B') AND abs(total) = 3 AND lower(status || 'x') = 'y'", PG);
        assertThat(a.predicates()).isEmpty();
        assertThat(a.expressionPredicates()).containsExactly(
                new ExpressionPredicate("lower", "status", PredicateKind.EQUALITY),
                new ExpressionPredicate("date", "created_at", PredicateKind.RANGE),
                new ExpressionPredicate("upper", "status", PredicateKind.IN));
        assertThat(a.hasIndexableUse()).isTrue();
        assertThat(a.referenced()).contains("status", "created_at");
    }

    @Test
    void survivesJSqlParser53InPrecedenceBug() {
        TableAccess a = only("SELECT id FROM orders WHERE status IN ('a', 'b') AND customer_id = 3 OR 1 = 0", PG);
        assertThat(a.predicates()).isEmpty(); // an OR of unrelated terms serves no single index

        TableAccess b = only("SELECT id FROM orders WHERE status IN ('a', 'b') AND customer_id = 3", PG);
        assertThat(b.predicates()).extracting(ColumnPredicate::column).containsExactly("status", "customer_id");
    }

    @Test
    void findsJoinKeysOnBothSides() {
        QueryShape shape = QueryShapes.parse("SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
                + "WHERE c.country = ?", PG, CATALOG).orElseThrow();
        assertThat(shape.tables()).extracting(t -> t.table().name()).containsExactly("orders", "customers");
        assertThat(shape.tables().get(0).predicates(PredicateKind.JOIN)).extracting(ColumnPredicate::column)
                .containsExactly("customer_id");
        assertThat(shape.tables().get(1).predicates()).extracting(ColumnPredicate::column)
                .containsExactly("id", "country");
        assertThat(shape.tables().get(0).alias()).isEqualTo("o");
    }

    @Test
    void keepsSimpleLiteralsForPartialIndexesOnly() {
        TableAccess a = only("SELECT id FROM orders WHERE status = 'new' AND customer_id = 7 AND total = ?", PG);
        assertThat(a.predicates()).extracting(ColumnPredicate::literal).containsExactly("'new'", "7", "");
    }

    @Test
    void recognisesJsonbContainmentAndUpdateColumns() {
        assertThat(only("SELECT id FROM orders WHERE doc @> CAST($1 AS jsonb)", PG).predicates())
                .extracting(ColumnPredicate::kind).containsExactly(PredicateKind.CONTAINMENT);
        QueryShape update = QueryShapes.parse("UPDATE orders SET total = $1 WHERE id = $2", PG, CATALOG)
                .orElseThrow();
        assertThat(update.kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(update.tables().get(0).updatedColumns()).containsExactly("total");
    }

    @Test
    void resolvesQuotedIdentifiersAndSubqueries() {
        TableAccess a = only("SELECT \"id\" FROM \"Order Items\" WHERE \"select\" = ? AND \"order id\" > ?", PG);
        assertThat(a.predicates()).extracting(ColumnPredicate::column).containsExactly("select", "order id");
        QueryShape nested = QueryShapes.parse("SELECT id FROM customers WHERE id IN (SELECT customer_id FROM orders "
                + "WHERE status = ?)", PG, CATALOG).orElseThrow();
        assertThat(nested.tables()).extracting(t -> t.table().name()).containsExactlyInAnyOrder("customers", "orders");
    }

    @Test
    void readsMariaDbDigests() {
        TableAccess a = only("SELECT `id` FROM `orders` WHERE `STATUS` = ? AND `customer_id` IN (...) LIMIT ?",
                MARIADB);
        assertThat(a.predicates()).extracting(ColumnPredicate::column).containsExactly("status", "customer_id");
    }

    @Test
    void unparseableOrUnknownStatementsAreEmpty() {
        assertThat(QueryShapes.parse("SELEKT nonsense", PG, CATALOG)).isEmpty();
        assertThat(QueryShapes.parse("VACUUM orders", PG, CATALOG)).isEmpty();
        assertThat(QueryShapes.parse("SELECT * FROM unknown_table WHERE a = 1", PG, CATALOG).orElseThrow().tables())
                .isEmpty();
    }
}
