package io.dbopt.migration.dependency;

import io.dbopt.core.DbOptException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationSet;

/**
 * Orders the migrations of all sets so each runs after what it requires: builds the {@link DependencyGraph},
 * reports a cycle with its full path ({@link CyclicDependencyDetector}) and sorts deterministically
 * ({@link TopologicalSorter}). This is the DependencyResolver and MigrationDependencyManager in one class:
 * both names stood for the same job. Stateless.
 */
public final class DependencyResolver {

    private final List<MigrationSet> sets;

    public DependencyResolver(List<MigrationSet> sets) {
        this.sets = List.copyOf(sets);
    }

    /**
     * The order in which every migration must run.
     *
     * @param versions every versioned migration of each set, applied or pending
     * @throws DbOptException naming the sets involved for an unknown set, a missing version or a cycle
     */
    public List<DependencyGraph.Node> order(Map<String, List<String>> versions) {
        DependencyGraph graph = DependencyGraph.build(sets, versions);
        Optional<List<DependencyGraph.Node>> cycle = CyclicDependencyDetector.findCycle(graph);
        if (cycle.isPresent()) {
            throw new DbOptException(MigrationErrorCode.DEPENDENCY_CYCLE, "Migration sets "
                    + DependencyGraph.setsOf(cycle.get()) + " require each other in a cycle: "
                    + DependencyGraph.describe(cycle.get()) + "; remove or move one of these requirements");
        }
        return TopologicalSorter.sort(graph);
    }
}
