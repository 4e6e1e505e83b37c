package io.dbopt.migration.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.Map;
import java.util.stream.Collectors;

@DbTest
class DataValidationIT {

    private static void schema(TestDatabase db, TestDialect which) {
        boolean pg = which == TestDialect.POSTGRESQL;
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100))",
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount numeric(10,2), status varchar(10))",
                "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com'), (3, 'not-an-email'), "
                        + "(4, 'a@example.com')",
                pg ? "INSERT INTO orders SELECT g, 1 + g % 2, g, 'paid' FROM generate_series(1, 2000) g"
                        : "INSERT INTO orders SELECT seq, 1 + seq % 2, seq, 'paid' FROM seq_1_to_2000",
                "INSERT INTO orders VALUES (5000, 99, -5, NULL), (5001, NULL, 10, 'refund')");
    }

    @DialectTest
    void everyRuleKindFindsItsViolationsAndReportsCountsOnly(TestDatabase db, TestDialect which) {
        schema(db, which);
        ValidationResult result = DataValidation.builder()
                .notNull("orders", "status")
                .unique("users", "email")
                .range("orders", "amount", 0, 10_000)
                .pattern("users", "email", "^[^@]+@[^@]+$")
                .referential("orders", "user_id", "users", "id")
                .rowCountDelta("orders", 2000, 0.0)
                .predicate("orders", "refunds have no user", "status <> 'refund' OR user_id IS NULL")
                .notNull("orders", "no_such_column")
                .build().validate(db.dataSource());

        Map<String, Long> violations = result.results().stream().filter(r -> r.error().isEmpty())
                .collect(Collectors.toMap(r -> r.rule().describe(), RuleResult::violations));
        assertThat(violations).containsEntry("not null orders.status", 1L)
                .containsEntry("unique users(email)", 1L)
                .containsEntry("range orders.amount in [0, 10000]", 1L)
                .containsEntry("pattern users.email ~ ^[^@]+@[^@]+$", 1L)
                .containsEntry("reference orders.user_id -> users.id", 1L)
                .containsEntry("row count orders within 0% of 2000", 2L)
                .containsEntry("predicate refunds have no user on orders", 0L);
        assertThat(result.results().get(result.results().size() - 1).error()).isPresent();
        assertThat(result.passed()).isFalse();

        String json = ValidationReporter.json(result, db.name());
        assertThat(json).contains("migration.data-rule").doesNotContain("not-an-email");
        assertThat(ValidationReporter.html(result, db.name())).contains("<html").doesNotContain("not-an-email");
        assertThat(ValidationReporter.text(result, db.name())).contains("Data validation");
    }

    @DialectTest
    void largeTablesAreSampledRepeatably(TestDatabase db, TestDialect which) {
        db.execute("CREATE TABLE events (id bigint PRIMARY KEY, kind varchar(10))",
                which == TestDialect.POSTGRESQL
                        ? "INSERT INTO events SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE 'x' END FROM generate_series(1, 5000) g"
                        : "INSERT INTO events SELECT seq, CASE WHEN seq % 100 = 0 THEN NULL ELSE 'x' END FROM seq_1_to_5000");
        DataValidation validation = DataValidation.builder().notNull("events", "kind").sampling(0, 10, 7).build();

        RuleResult first = validation.validate(db.dataSource()).results().get(0);
        RuleResult second = validation.validate(db.dataSource()).results().get(0);

        assertThat(first.sampled()).isTrue();
        assertThat(first.checkedRows()).isBetween(100L, 2500L);
        assertThat(second.checkedRows()).isEqualTo(first.checkedRows());
        assertThat(second.violations()).isEqualTo(first.violations());
    }
}
