package io.dbopt.query.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;

/**
 * The plan analyzer explains exactly one statement: a second statement that would drop a canary table is refused
 * before anything runs, on both servers (MariaDB through a data source that allows multi-statement text, as some
 * applications' pools do), while a semicolon inside a literal or a trailing one is fine.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SingleStatementIT {

    @DialectTest
    void aSecondStatementIsRefusedAndTheCanarySurvives(TestDatabase db) {
        db.execute("CREATE TABLE plan_canary (id int PRIMARY KEY)", "INSERT INTO plan_canary VALUES (1)");
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        DataSource ds = pg ? db.dataSource() : DriverDataSource.of(db.jdbcUrl() + "&allowMultiQueries=true")
                .withUser(db.user()).withPassword(db.password().isEmpty() ? null : db.password().toCharArray());
        ExecutionPlanAnalyzer analyzer = ExecutionPlanAnalyzer.create(ds);

        Throwable withValues = catchThrowable(() -> analyzer.explain(
                "SELECT id FROM plan_canary WHERE id = ?; COMMIT; DROP TABLE plan_canary", 1));
        assertThat(canarySurvives(db)).as("canary after explain(...)").isTrue();
        assertRefused(withValues);
        if (pg) {
            Throwable generic = catchThrowable(() -> analyzer.explainGeneric(
                    "SELECT id FROM plan_canary; COMMIT; DROP TABLE plan_canary;"));
            assertThat(canarySurvives(db)).as("canary after explainGeneric(...)").isTrue();
            assertRefused(generic);
        }

        assertThat(analyzer.explain("SELECT id FROM plan_canary WHERE id = ? AND ';' <> 'x' ; ;", 1).json())
                .isNotBlank();
        assertThat(db.queryLong("SELECT COUNT(*) FROM plan_canary")).isEqualTo(1);
    }

    private static boolean canarySurvives(TestDatabase db) {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'plan_canary' AND schemaname = current_schema()"
                : "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = 'plan_canary' "
                        + "AND TABLE_SCHEMA = DATABASE()";
        return db.queryLong(sql) == 1;
    }

    private static void assertRefused(Throwable t) {
        assertThat(t).isInstanceOf(DbOptException.class).hasMessageContaining("more than one statement");
        assertThat(((DbOptException) t).errorCode()).isEqualTo(QueryErrorCode.INVALID_STATEMENT);
    }
}
