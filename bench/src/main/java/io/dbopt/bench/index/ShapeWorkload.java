package io.dbopt.bench.index;

import io.dbopt.core.finding.Finding;
import io.dbopt.index.Workload;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The statement shapes of the doctor's workload advice, each with the advice it should get on each server: column
 * order for {@code ORDER BY ... LIMIT}, functional predicates (an expression index on PostgreSQL, an indexed virtual
 * column on MariaDB), leading-wildcard {@code LIKE} (pg_trgm on PostgreSQL, FULLTEXT on MariaDB), literal and
 * concatenated patterns.
 */
final class ShapeWorkload {

    /**
     * One shape.
     *
     * @param name short label
     * @param sql the statement as a workload holds it
     * @param check the finding expected: {@code index.recommended} or an advice check
     * @param table the table expected
     * @param keys for {@code index.recommended}: the acceptable leading key (lower case); for advice: the column
     */
    record Shape(String name, String sql, String check, String table, String keys) {

        boolean matches(Finding f) {
            if (!f.check().value().equals(check) || !f.object().name().replace("\"", "").replace("`", "")
                    .toLowerCase(Locale.ROOT).endsWith("." + table)) {
                return false;
            }
            return plain(f.evidenceValue("columns").map(Object::toString).orElse("")).startsWith(plain(keys));
        }
    }

    private ShapeWorkload() {
    }

    /** Key text without case, blanks and parentheses: {@code (lower(c_phone))} and {@code lower(c_phone)} agree. */
    private static String plain(String keys) {
        return keys.toLowerCase(Locale.ROOT).replaceAll("[\\s()]", "");
    }

    static List<Shape> shapes(TestDialect dialect) {
        boolean pg = dialect == TestDialect.POSTGRESQL;
        return List.of(
                new Shape("supplier-lines-by-date-limit", "SELECT l_orderkey FROM lineitem WHERE l_suppkey = 7 "
                        + "ORDER BY l_shipdate LIMIT 10", "index.recommended", "lineitem", "l_suppkey,l_shipdate"),
                new Shape("customer-by-lower-phone", "SELECT c_custkey FROM customer WHERE LOWER(c_phone) = "
                        + "'phone-77'", pg ? "index.recommended" : "index.functional-predicate", "customer",
                        pg ? "lower(c_phone)" : "c_phone"),
                new Shape("part-by-upper-name", "SELECT p_partkey FROM part WHERE UPPER(p_name) = 'PART 42'",
                        pg ? "index.recommended" : "index.functional-predicate", "part",
                        pg ? "upper(p_name)" : "p_name"),
                new Shape("parts-by-name-substring", "SELECT p_partkey FROM part WHERE p_name LIKE '%green%'",
                        "index.leading-wildcard", "part", "p_name"),
                new Shape("customers-by-name-suffix", "SELECT c_custkey FROM customer WHERE c_name LIKE '%#0042'",
                        "index.leading-wildcard", "customer", "c_name"),
                new Shape("customers-by-name-search", pg
                        ? "SELECT c_custkey FROM customer WHERE c_name LIKE '%' || 'abc' || '%'"
                        : "SELECT c_custkey FROM customer WHERE c_name LIKE CONCAT('%', 'abc', '%')",
                        "index.leading-wildcard", "customer", "c_name"));
    }

    static Workload workload(List<Shape> shapes) {
        Workload.Builder b = Workload.builder();
        shapes.forEach(s -> b.add(s.sql(), 1_000, Duration.ofSeconds(10)));
        return b.build();
    }
}
