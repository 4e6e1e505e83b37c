package io.dbopt.migration.dependency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.dbopt.migration.MigrationPlan;
import io.dbopt.migration.PlanStep;
import io.dbopt.migration.PlannedMigration;
import io.dbopt.migration.Revision;
import io.dbopt.migration.RevisionState;

/**
 * Turns the dependency order of all migrations into the plan Flyway executes: pending migrations only, with
 * consecutive migrations of one set merged into a single step that migrates that set to a target version.
 */
public final class ScriptCompiler {

    private ScriptCompiler() {
    }

    /**
     * @param order every migration in dependency order
     * @param revisions each set's revisions by version
     */
    public static MigrationPlan compile(List<DependencyGraph.Node> order, Map<String, Map<String, Revision>> revisions) {
        List<PlanStep> steps = new ArrayList<>();
        String currentSet = null;
        List<PlannedMigration> current = new ArrayList<>();
        for (DependencyGraph.Node node : order) {
            Revision r = revisions.get(node.set()).get(node.version());
            if (r == null || r.state() != RevisionState.PENDING) {
                continue;
            }
            if (!node.set().equals(currentSet) && !current.isEmpty()) {
                steps.add(new PlanStep(currentSet, current.get(current.size() - 1).version(), current));
                current = new ArrayList<>();
            }
            currentSet = node.set();
            current.add(new PlannedMigration(r.set(), r.version(), r.description(), r.script()));
        }
        if (!current.isEmpty()) {
            steps.add(new PlanStep(currentSet, current.get(current.size() - 1).version(), current));
        }
        return new MigrationPlan(steps, order.stream().map(DependencyGraph.Node::toString).toList());
    }
}
