package io.dbopt.migration.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationSet;

/** Reliability test 5 (the logic): cycles, missing dependencies and unknown sets name the sets involved. */
class DependencyResolverTest {

    private static MigrationSet set(String name, String... requires) {
        MigrationSet.Builder b = MigrationSet.builder(name).location("classpath:db/" + name);
        for (String r : requires) {
            String[] parts = r.split(":");
            if (parts.length == 3) {
                b.requires(parts[0], parts[1], parts[2]);
            } else {
                b.requires(parts[0], parts[1]);
            }
        }
        return b.build();
    }

    private static List<String> order(List<MigrationSet> sets, Map<String, List<String>> versions) {
        return new DependencyResolver(sets).order(versions).stream().map(DependencyGraph.Node::toString).toList();
    }

    @Test
    void ordersSetsByRequirementsDeterministically() {
        List<MigrationSet> sets = List.of(set("handoffs", "documents:1"), set("documents", "core:2", "projects:1"),
                set("projects", "core:2"), set("core"));
        Map<String, List<String>> versions = Map.of("core", List.of("3", "1", "2"), "projects", List.of("1", "2"),
                "documents", List.of("1", "2"), "handoffs", List.of("1"));
        List<String> order = order(sets, versions);
        assertThat(order).containsExactly("core:1", "core:2", "projects:1", "documents:1", "handoffs:1",
                "documents:2", "projects:2", "core:3");
        assertThat(order(sets, versions)).isEqualTo(order);
    }

    @Test
    void requirementFromALaterVersionOnlyHoldsBackThatVersion() {
        List<MigrationSet> sets = List.of(set("documents", "projects:1:2"), set("projects"));
        assertThat(order(sets, Map.of("documents", List.of("1", "2"), "projects", List.of("1"))))
                .containsExactly("documents:1", "projects:1", "documents:2");
    }

    @Test
    void cycleIsReportedWithItsFullPath() {
        List<MigrationSet> sets = List.of(set("documents", "projects:1"), set("projects", "documents:2"));
        Map<String, List<String>> versions = Map.of("documents", List.of("1", "2"), "projects", List.of("1"));
        assertThatThrownBy(() -> order(sets, versions))
                .isInstanceOf(DbOptException.class)
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(MigrationErrorCode.DEPENDENCY_CYCLE))
                .hasMessageContaining("Migration sets documents, projects require each other in a cycle")
                .hasMessageContaining("documents:1..2 -> projects:1 -> documents:1");
    }

    @Test
    void missingVersionNamesBothSetsAndTheVersionsThatExist() {
        List<MigrationSet> sets = List.of(set("core"), set("documents", "core:9"));
        assertThatThrownBy(() -> order(sets, Map.of("core", List.of("1", "2"), "documents", List.of("1"))))
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(MigrationErrorCode.MISSING_DEPENDENCY))
                .hasMessage("Migration set documents requires core:9, but core has no migration V9 (its versions: 1, 2): "
                        + "fix the requirement or add the script");
    }

    @Test
    void unknownSetNamesTheRequirerTheMissingSetAndTheRegisteredOnes() {
        List<MigrationSet> sets = List.of(set("core"), set("documents", "reports:1"));
        assertThatThrownBy(() -> order(sets, Map.of("core", List.of("1"), "documents", List.of("1"))))
                .satisfies(e -> assertThat(((DbOptException) e).errorCode()).isEqualTo(MigrationErrorCode.UNKNOWN_SET))
                .hasMessageContaining("Migration set documents requires set 'reports', which is not registered "
                        + "(registered: core, documents)");
    }

    @Test
    void aSetCannotRequireItselfOrBeNamedBadly() {
        assertThatThrownBy(() -> set("core", "core:1")).hasMessageContaining("core requires itself");
        assertThatThrownBy(() -> MigrationSet.builder("Core")).hasMessageContaining("must be lower case");
        assertThatThrownBy(() -> MigrationSet.builder("core").requires("x", "V2"))
                .hasMessageContaining("write 2, not V2");
    }
}
