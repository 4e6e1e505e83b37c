package io.dbopt.migration.lint;

import io.dbopt.migration.script.Ddl;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier scripts of the same directory did that later scripts rely on: constraints added (so that a
 * {@code VALIDATE CONSTRAINT} followed by {@code SET NOT NULL} in a later migration is recognised as the safe
 * recipe). Filled in script order; not thread-safe, one per lint run.
 */
final class History {

    /** A constraint as a script declared it. */
    record Constraint(Ddl.Name table, Ddl.ConstraintSpec spec) {
    }

    private final Map<String, Constraint> constraints = new HashMap<>();

    /** Remembers the constraints a script added. */
    void record(LintContext context) {
        for (LintContext.Entry e : context.entries()) {
            if (e.ddl() instanceof Ddl.AlterTable at) {
                for (Ddl.Action a : at.actions()) {
                    if (a instanceof Ddl.AddConstraint ac) {
                        ac.constraint().name().ifPresent(n -> constraints.put(n, new Constraint(at.table(),
                                ac.constraint())));
                    }
                }
            }
        }
    }

    /** A constraint an earlier script added, by name. */
    Optional<Constraint> constraint(String name) {
        return Optional.ofNullable(constraints.get(name));
    }
}
