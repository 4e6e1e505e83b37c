package io.dbopt.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionPlanTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(16, 0, 0));
    private static final Dialect MARIA = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    private static Finding create() {
        return Finding.builder("index.recommended", Severity.WARNING).object(DbObject.table("public.tasks"))
                .message("an index helps").evidence("time_saved_ms", 90_000L)
                .fix(Fix.sql("create it", "CREATE INDEX CONCURRENTLY tasks_p_idx ON public.tasks (p)")).build();
    }

    private static Finding drop(String name, long bytes) {
        return Finding.builder("index.duplicate", Severity.WARNING).object(DbObject.index("public." + name))
                .message("duplicate").evidence("index_bytes", bytes)
                .fix(Fix.sql("drop it", "DROP INDEX CONCURRENTLY IF EXISTS public." + name)).build();
    }

    @Test
    void topActionsRankBySeverityThenBenefitAndSayWhatTheyCost() {
        Finding critical = Finding.builder("index.sequence-overflow", Severity.CRITICAL).object(DbObject.table("s"))
                .message("nearly out").fix(Fix.advice("widen it")).build();
        FindingsReport report = FindingsReport.of("t", "db", List.of(ReportSection.of("Indexes", List.of(),
                List.of(drop("a", 1024), create(), critical, drop("b", 10L << 20)))));

        List<ActionPlan.Action> top = ActionPlan.topActions(report, 3);

        assertThat(top).extracting(a -> a.finding().object().name()).containsExactly("s", "public.tasks",
                "public.b");
        assertThat(top.get(1).benefit()).contains("1.5 min");
        assertThat(top.get(1).cost()).contains("online");
        assertThat(top.get(2).benefit()).contains("frees 10.0 MiB");
        assertThat(report.toText()).contains("== Top actions").contains("1. [critical]");
        assertThat(report.toJson()).contains("\"topActions\"");
    }

    @Test
    void repeatedFindingsOfOneCheckAreOneGroupWithTheFullListInJson() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(drop("t" + i + "_idx", 8192));
        }
        FindingsReport report = FindingsReport.of("t", "db", List.of(ReportSection.of("Indexes", List.of(), many)));

        assertThat(ActionPlan.grouped(report.sections().get(0))).singleElement()
                .isInstanceOfSatisfying(ActionPlan.Group.class, g -> assertThat(g.findings()).hasSize(1000));
        assertThat(report.toText()).contains("index.duplicate  x 1000 objects").contains("and 997 more")
                .doesNotContain("public.t999_idx");
        assertThat(report.toJson()).contains("\"count\" : 1000").contains("public.t999_idx");
    }

    @Test
    void fixScriptDropsBeforeCreatesWithALockTimeoutAndACommentPerStepEachStatementOnce() {
        Finding recommended = create();
        Finding duplicate = drop("old_idx", 100);
        Finding again = Finding.builder("index.fk-without-index", Severity.WARNING)
                .object(DbObject.of(ObjectType.CONSTRAINT, "public.tasks.fk")).message("no index")
                .fix(recommended.fix()).build();
        Finding advice = Finding.builder("index.discouraged-type", Severity.INFO).object(DbObject.column("t", "c"))
                .message("money").fix(Fix.advice("use numeric")).build();

        String pg = FixScript.write(List.of(recommended, duplicate, again, advice), PG, Duration.ofSeconds(3),
                "fixes for db");
        String maria = FixScript.write(List.of(duplicate), MARIA, Duration.ofSeconds(3), "fixes");

        assertThat(pg.indexOf("DROP INDEX")).isLessThan(pg.indexOf("CREATE INDEX"));
        assertThat(pg).contains("-- step 1: [warning] index.duplicate public.old_idx")
                .contains("SET lock_timeout = '3000ms';").contains("-- fixes for db")
                .contains("index.discouraged-type t.c: use numeric");
        assertThat(pg.split("CREATE INDEX", -1)).hasSize(2);
        assertThat(maria).contains("SET SESSION lock_wait_timeout = 3;");
        assertThatThrownBy(() -> FixScript.write(List.of(), PG, Duration.ZERO, ""))
                .hasMessageContaining("lockTimeout");
    }
}
