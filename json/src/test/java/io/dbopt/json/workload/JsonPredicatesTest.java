package io.dbopt.json.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.Dialect;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.ServerVersion;
import io.dbopt.json.Comparison;
import io.dbopt.json.JsonOperator;
import io.dbopt.json.JsonPath;
import io.dbopt.json.JsonPredicate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonPredicatesTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.parse("15.4"));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.parse("10.11.6"));

    @Test
    void readsPathComparisonsWithCastsAndConstants() {
        List<JsonPredicate> p = JsonPredicates.extract("SELECT d.id FROM docs d JOIN users u ON u.id = d.owner "
                + "WHERE d.attrs->>'status' = 'active' AND (d.attrs -> 'price' ->> 'net')::numeric > ? "
                + "AND d.attrs #>> '{a,b}' IN ('x', 'y') AND u.name = ?", PG);

        assertThat(p).containsExactly(
                new JsonPredicate("docs", "attrs", JsonOperator.EXTRACT_TEXT, JsonPath.of("status"),
                        Comparison.EQUALITY, "", Optional.of("active")),
                new JsonPredicate("docs", "attrs", JsonOperator.EXTRACT_TEXT, JsonPath.of("price", "net"),
                        Comparison.RANGE, "numeric", Optional.empty()),
                new JsonPredicate("docs", "attrs", JsonOperator.EXTRACT_TEXT, JsonPath.of("a", "b"), Comparison.IN,
                        "", Optional.empty()));
    }

    @Test
    void readsOperatorsInJdbcAndServerStatisticsText() {
        List<JsonPredicate> jdbc = JsonPredicates.extract("SELECT id FROM docs WHERE attrs @> CAST(? AS jsonb) "
                + "AND attrs ?? 'vip' AND attrs ??| array['a','b'] AND attrs @?? '$.a ? (@ > 1)'", PG);
        List<JsonPredicate> server = JsonPredicates.extract("SELECT id FROM docs WHERE attrs @> $1 AND attrs ? $2 "
                + "AND attrs ?& $3 AND attrs @@ $4 AND attrs->>$5 = $6", PG);

        assertThat(jdbc).extracting(JsonPredicate::operator).containsExactly(JsonOperator.CONTAINS,
                JsonOperator.KEY_EXISTS, JsonOperator.ANY_KEY_EXISTS, JsonOperator.JSONPATH);
        assertThat(jdbc.get(1).literal()).contains("vip");
        assertThat(server).extracting(JsonPredicate::operator).containsExactly(JsonOperator.CONTAINS,
                JsonOperator.KEY_EXISTS, JsonOperator.ALL_KEYS_EXIST, JsonOperator.JSONPATH, JsonOperator.EXTRACT_TEXT);
        assertThat(server.get(4).path().known()).isFalse();
    }

    @Test
    void readsFunctionFormsAndNestedSelects() {
        List<JsonPredicate> p = JsonPredicates.extract("SELECT id FROM orders WHERE customer_id IN (SELECT c.id "
                + "FROM customers c WHERE jsonb_path_exists(c.profile, '$.tags ? (@ == \"vip\")')) "
                + "OR jsonb_exists(orders.meta, 'gift')", PG);

        assertThat(p).extracting(JsonPredicate::table, JsonPredicate::column, JsonPredicate::operator)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("customers", "profile", JsonOperator.JSONPATH_FUNCTION),
                        org.assertj.core.groups.Tuple.tuple("orders", "meta", JsonOperator.EXISTS_FUNCTION));
    }

    @Test
    void readsMariaDbFunctions() {
        List<JsonPredicate> p = JsonPredicates.extract("UPDATE docs SET seen = 1 WHERE JSON_VALUE(attrs, '$.status') "
                + "= 'new' AND JSON_UNQUOTE(JSON_EXTRACT(attrs, '$.owner.\"first name\"')) LIKE 'An%' "
                + "AND CAST(JSON_VALUE(attrs, '$.n') AS DECIMAL(10,2)) >= ? AND JSON_CONTAINS(attrs, '\"x\"', "
                + "'$.tags') AND JSON_VALUE(attrs, ?) = ?", MARIADB);

        assertThat(p).extracting(JsonPredicate::operator, JsonPredicate::comparison, x -> x.path().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JsonOperator.JSON_VALUE, Comparison.EQUALITY, "status"),
                        org.assertj.core.groups.Tuple.tuple(JsonOperator.JSON_VALUE, Comparison.LIKE,
                                "owner.\"first name\""),
                        org.assertj.core.groups.Tuple.tuple(JsonOperator.JSON_VALUE, Comparison.RANGE, "n"),
                        org.assertj.core.groups.Tuple.tuple(JsonOperator.JSON_CONTAINS, Comparison.NONE, "tags"),
                        org.assertj.core.groups.Tuple.tuple(JsonOperator.JSON_VALUE, Comparison.EQUALITY, "?"));
        assertThat(p.get(2).cast()).isEqualTo("decimal(10, 2)");
    }

    @Test
    void ambiguousColumnOfAJoinHasNoTableAndUnparsableTextGivesNothing() {
        assertThat(JsonPredicates.extract("SELECT 1 FROM a JOIN b ON a.id = b.id WHERE attrs->>'k' = 'v'", PG))
                .singleElement().satisfies(x -> assertThat(x.table()).isEmpty());
        assertThat(JsonPredicates.extract("SELEC nonsense", PG)).isEmpty();
        assertThat(JsonPredicates.extract("SELECT id FROM docs WHERE attrs->>'a' LIKE '%x'", PG))
                .singleElement().satisfies(x -> assertThat(x.comparison()).isEqualTo(Comparison.OTHER));
    }

    @Test
    void onlyTextWithoutJsonOperatorsAndFunctionsSkipsParsing() {
        List<String> pg = List.of("SELECT id FROM docs WHERE attrs @> CAST(? AS jsonb) AND attrs ?? 'vip'",
                "SELECT id FROM docs WHERE attrs ? $2 AND attrs ?& $3", "SELECT id FROM docs WHERE attrs @@ $4",
                "SELECT id FROM docs WHERE attrs->>$5 = $6", "SELECT id FROM docs WHERE attrs #>> '{a,b}' = 'x'",
                "SELECT id FROM orders WHERE jsonb_exists(orders.meta, 'gift')",
                "SELECT id FROM docs WHERE JSONB_PATH_EXISTS(attrs, '$.a')");
        List<String> mariaDb = List.of("SELECT id FROM docs WHERE JSON_VALUE(attrs, '$.a') = ?",
                "SELECT id FROM docs WHERE json_unquote(json_extract(attrs, '$.a')) = 'x'",
                "SELECT id FROM docs WHERE JSON_CONTAINS(attrs, '1', '$.a')");
        for (String sql : pg) {
            assertThat(JsonPredicates.extract(sql, PG)).as(sql).isNotEmpty();
            assertThat(JsonPredicates.mayHold(sql)).as(sql).isTrue();
        }
        for (String sql : mariaDb) {
            assertThat(JsonPredicates.extract(sql, MARIADB)).as(sql).isNotEmpty();
            assertThat(JsonPredicates.mayHold(sql)).as(sql).isTrue();
        }
        String plain = "SELECT id, amount FROM t_00010 WHERE amount > $1 ORDER BY created_at LIMIT $2";
        assertThat(JsonPredicates.mayHold(plain)).isFalse();
        assertThat(JsonPredicates.extract(plain, PG)).isEmpty();
    }
}
