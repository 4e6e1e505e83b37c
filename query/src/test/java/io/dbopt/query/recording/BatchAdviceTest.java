package io.dbopt.query.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.sql.SqlAnalyzer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchAdviceTest {

    private static String advice(String sql, boolean postgres) {
        return BatchAdvice.suggest(SqlAnalyzer.postgres().analyze(sql), postgres);
    }

    @Test
    void matchesTheKeyAgainstAllKeysAtOnce() {
        assertThat(advice("SELECT full_name FROM users WHERE id = ?", true))
                .contains("select full_name from users where id = any(?)");
        assertThat(advice("SELECT full_name FROM users WHERE id = ?", false))
                .contains("select full_name from users where id in (?, ?, ...)");
    }

    @Test
    void groupsAggregatesByTheKey() {
        assertThat(advice("SELECT count(*) FROM tasks WHERE project_id = ?", true))
                .contains("select project_id, count(*) from tasks where project_id = any(?) group by project_id");
    }

    @Test
    void keepsAPerKeyLimitWithAWindowFunction() {
        assertThat(advice("SELECT id FROM tasks WHERE project_id = ? ORDER BY position LIMIT 50", true))
                .contains("row_number() over (partition by project_id");
    }

    @Test
    void batchesWrites() {
        assertThat(advice("UPDATE tasks SET status_id = ? WHERE id = ?", true)).contains("executeBatch");
    }
}
