package io.dbopt.query.assertions;

import static io.dbopt.query.assertions.QueryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.app.ProjectRepository;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.ProfilerScope;
import io.dbopt.query.QueryProfiler;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryAssertionsIT {

    private QueryProfiler profiler;
    private ProfiledDataSource ds;
    private ProjectRepository repository;

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        try (Connection c = db.connection()) {
            ProjectRepository.createSchema(c, 10);
        }
        profiler = QueryProfiler.builder().nPlusOneThreshold(5).build();
        ds = profiler.instrument(db.dataSource());
        repository = new ProjectRepository(ds);
    }

    @AfterEach
    void drop(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS projects", "DROP TABLE IF EXISTS users");
    }

    @DialectTest
    void passesForTheBatchedVersionAndNamesTheLoopOtherwise(TestDialect dialect) throws Exception {
        try (ProfilerScope good = profiler.scope("batched")) {
            repository.leadsInOneQuery(dialect == TestDialect.POSTGRESQL);
            assertThat(good).hasSelectCount(2).hasInsertCount(0).hasNoNPlusOne().hasAllStatementsBound()
                    .hasNoLeadingWildcardLike().hasAtMostStatements(2);
        }
        try (ProfilerScope bad = profiler.scope("one by one")) {
            repository.leadsOneByOne();
            assertThatThrownBy(() -> assertThat(bad).hasNoNPlusOne()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("select full_name from users where id = ? ran 10 times, once per parent from "
                            + "com.example.app.ProjectRepository.leadsOneByOne");
            assertThatThrownBy(() -> assertThat(bad).hasSelectCount(2)).hasMessageContaining("but 11 ran");
        }
    }

    @DialectTest
    void failsForValuesWrittenIntoTheTextAndLeadingWildcards() throws Exception {
        try (ProfilerScope scope = profiler.scope("concatenated");
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT full_name FROM users WHERE id = 3")) {
                rs.next();
            }
            try (ResultSet rs = st.executeQuery("SELECT id FROM users WHERE full_name LIKE '%3'")) {
                rs.next();
            }
            assertThatThrownBy(() -> assertThat(scope).hasAllStatementsBound())
                    .hasMessageContaining("select full_name from users where id = ?").hasMessageNotContaining("= 3");
            assertThatThrownBy(() -> assertThat(scope).hasNoLeadingWildcardLike())
                    .hasMessageContaining("like ?");
        }
    }

    @DialectTest
    void checksThatRepeatedWritesAreBatched() throws Exception {
        try (ProfilerScope loop = profiler.scope("loop")) {
            repository.renameProjects(10, false);
            assertThatThrownBy(() -> assertThat(loop).usesBatchingForWrites())
                    .hasMessageContaining("update projects set name = ? where id = ? ran 10 times, 10 outside a batch");
        }
        try (ProfilerScope batch = profiler.scope("batch")) {
            repository.renameProjects(10, true);
            assertThat(batch).usesBatchingForWrites().hasWritesBatchedBy(10).hasUpdateCount(10);
        }
    }
}
