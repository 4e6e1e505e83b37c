package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.ProjectRepository;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NPlusOneIT {

    private static final int PROJECTS = 12;

    private QueryProfiler profiler;
    private ProjectRepository repository;

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        try (Connection c = db.connection()) {
            ProjectRepository.createSchema(c, PROJECTS);
        }
        profiler = QueryProfiler.builder().nPlusOneThreshold(5).build();
        repository = new ProjectRepository(profiler.instrument(db.dataSource()));
    }

    @AfterEach
    void drop(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS projects", "DROP TABLE IF EXISTS users");
    }

    @DialectTest
    void findsTheLoopThatLoadsLeadsOneByOneAndNamesItsCallSite(TestDialect dialect) throws Exception {
        try (ProfilerScope page = profiler.scope("project-list")) {
            assertThat(repository.leadsOneByOne()).hasSize(PROJECTS);
            assertThat(page.nPlusOne()).singleElement().satisfies(n -> {
                assertThat(n.fingerprint()).isEqualTo("select full_name from users where id = ?");
                assertThat(n.executions()).isEqualTo(PROJECTS);
                assertThat(n.callSite().className()).isEqualTo(ProjectRepository.class.getName());
                assertThat(n.callSite().methodName()).isEqualTo("leadsOneByOne");
                assertThat(n.callSite().lineNumber()).isPositive();
            });
        }
        assertThat(profiler.nPlusOne()).singleElement().satisfies(n -> {
            assertThat(n.scope()).isEqualTo("project-list");
            assertThat(n.occurrences()).isEqualTo(1);
            assertThat(n.suggestion()).contains(dialect == TestDialect.POSTGRESQL
                    ? "select full_name from users where id = any(?)" : "where id in (?, ?, ...)");
        });
    }

    @DialectTest
    void namesWhereTheStatementRanNotWhereItsRowsWereRead() throws Exception {
        try (ProfilerScope page = profiler.scope("helper")) {
            assertThat(repository.leadsReadByAHelper()).isEqualTo(PROJECTS);
            assertThat(page.nPlusOne()).singleElement()
                    .satisfies(n -> assertThat(n.callSite().methodName()).isEqualTo("leadsReadByAHelper"));
        }
        assertThat(profiler.statsOf("SELECT full_name FROM users WHERE id = ?").orElseThrow().callSites())
                .allSatisfy(site -> assertThat(site.methodName()).isEqualTo("leadsReadByAHelper"));
    }

    @DialectTest
    void keepsTheCallersOfAHelperAndCanSkipIt(TestDatabase db) throws Exception {
        try (ProfilerScope page = profiler.scope("helper")) {
            repository.leadsThroughAHelper();
            assertThat(page.nPlusOne()).singleElement().satisfies(n -> {
                assertThat(n.callSite().methodName()).isEqualTo("execute");
                assertThat(n.callSite().callers().get(0)).contains("ProjectRepository.leadsThroughAHelper(");
                assertThat(n.callSite().toString()).contains(" <- com.example.app.ProjectRepository"
                        + ".leadsThroughAHelper(");
            });
        }
        QueryProfiler skipping = QueryProfiler.builder().nPlusOneThreshold(5)
                .excludeFromCallSites("com.example.app.ProjectRepository.execute").build();
        ProjectRepository repo = new ProjectRepository(skipping.instrument(db.dataSource()));
        try (ProfilerScope page = skipping.scope("helper skipped")) {
            repo.leadsThroughAHelper();
            assertThat(page.nPlusOne()).singleElement()
                    .satisfies(n -> assertThat(n.callSite().methodName()).isEqualTo("leadsThroughAHelper"));
        }
    }

    @DialectTest
    void findsNothingInTheBatchedVersion(TestDialect dialect) throws Exception {
        try (ProfilerScope page = profiler.scope("project-list")) {
            assertThat(repository.leadsInOneQuery(dialect == TestDialect.POSTGRESQL)).hasSize(PROJECTS);
            assertThat(page.nPlusOne()).isEmpty();
            assertThat(page.total()).isEqualTo(2);
        }
        assertThat(profiler.nPlusOne()).isEmpty();
    }

    @DialectTest
    void findsTheLoopInsideATransactionWithoutANamedScope(TestDatabase db) throws Exception {
        try (Connection c = profiler.instrument(db.dataSource()).getConnection()) {
            c.setAutoCommit(false);
            repository.leadsOneByOne(c);
            assertThat(profiler.nPlusOne()).isEmpty(); // reported when the transaction ends
            c.commit();
        }
        assertThat(profiler.nPlusOne()).singleElement()
                .satisfies(n -> assertThat(n.scope()).isEqualTo("transaction"));
    }

    @DialectTest
    void ignoresTheLoopOutsideAnyScope() throws Exception {
        repository.leadsOneByOne(); // auto-commit, no named scope
        assertThat(profiler.nPlusOne()).isEmpty();
    }

    @DialectTest
    void tellsARepeatedIdenticalQueryFromAnNPlusOne() throws Exception {
        try (ProfilerScope page = profiler.scope("repeat")) {
            repository.sameLeadRepeatedly(8);
            assertThat(page.nPlusOne()).isEmpty();
            assertThat(page.repeatedQueries()).singleElement()
                    .satisfies(r -> assertThat(r.executions()).isEqualTo(8));
        }
        assertThat(profiler.repeatedQueries()).hasSize(1);
    }

    @DialectTest
    void findsSingleRowUpdatesInALoopButNotTheBatch() throws Exception {
        try (ProfilerScope loop = profiler.scope("loop")) {
            repository.renameProjects(PROJECTS, false);
            assertThat(loop.nPlusOne()).singleElement().satisfies(n ->
                    assertThat(n.suggestion()).contains("batch"));
        }
        try (ProfilerScope batch = profiler.scope("batch")) {
            repository.renameProjects(PROJECTS, true);
            assertThat(batch.nPlusOne()).isEmpty();
            assertThat(batch.statements()).hasSize(PROJECTS).allSatisfy(r -> assertThat(r.batchSize())
                    .isEqualTo(PROJECTS));
        }
    }
}
