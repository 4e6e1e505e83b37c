package io.dbopt.migration.rollback;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.MigrationGenerator;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.script.RollbackScriptGenerator;
import io.dbopt.migration.script.SqlScript;
import io.dbopt.migration.script.UndoScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes the statements a non-transactional migration managed to run before it failed (or before its migrator
 * died), so the schema returns to its pre-migration snapshot: first the generated undo of exactly those
 * statements, in reverse order; then, for whatever still differs from the snapshot, the statements the schema
 * diff writes. The result says whether the schema now equals the snapshot.
 */
public final class Compensator {

    private static final Logger LOG = LoggerFactory.getLogger(Compensator.class);

    /**
     * What compensation did.
     *
     * @param statements the compensating statements that ran, in order
     * @param restored whether the schema equals the snapshot afterwards
     * @param remainingDifferences what still differs, when not restored
     * @param error the first failure of a compensating statement, if any
     */
    public record Result(List<String> statements, boolean restored, List<String> remainingDifferences,
                  Optional<Exception> error) {
    }

    private final Dialect dialect;
    private final SchemaReader reader;

    public Compensator(Dialect dialect, SchemaReader reader) {
        this.dialect = dialect;
        this.reader = reader;
    }

    public Result compensate(Connection c, String set, String script, List<String> executed, SchemaSnapshot before) {
        List<String> ran = new ArrayList<>();
        Exception error = null;
        try {
            SqlScript applied = SqlScript.parse(script, String.join(";\n", executed), dialect);
            UndoScript undo = RollbackScriptGenerator.of(dialect).generate(applied, before);
            error = run(c, undo.statements(), ran);
            SchemaDiff diff = SchemaDiff.between(reader.read(c, before.scope()), before);
            if (!diff.isEmpty()) {
                LOG.warn("{} - {}: undo of the applied statements left {}; restoring from the snapshot", set, script,
                        diff);
                Exception second = run(c, MigrationGenerator.of(dialect).statements(diff), ran);
                error = error == null ? second : error;
                diff = SchemaDiff.between(reader.read(c, before.scope()), before);
            }
            // effects outside the snapshot (procedures, functions, triggers, types, what the parser does not know)
            // cannot be compared, so they cannot be called restored: list them rather than claim the schema is back
            List<String> remaining = new ArrayList<>(diff.describe());
            for (UndoScript.Irreversible i : undo.irreversible()) {
                if (i.dataOf().isEmpty()) {
                    remaining.add("not undone: " + statement(applied, i.statement()) + " (" + i.reason() + ")");
                }
            }
            if (remaining.size() > diff.describe().size()) {
                LOG.error("{} - {}: compensation cannot undo {} applied statement(s); they are listed in the failure",
                        set, script, remaining.size() - diff.describe().size());
            }
            return new Result(ran, remaining.isEmpty(), remaining, Optional.ofNullable(error));
        } catch (SQLException | RuntimeException e) {
            if (error != null) {
                e.addSuppressed(error);
            }
            return new Result(ran, false, List.of("not verified: " + e.getMessage()), Optional.of(e));
        }
    }

    /** The first line of an applied statement, shortened, to name it in a report. */
    private static String statement(SqlScript applied, int index) {
        if (index < 1 || index > applied.statements().size()) {
            return "statement " + index;
        }
        String first = applied.statement(index).sql().strip().lines().findFirst().orElse("");
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    /** Runs statements one by one; the first failure stops the run and is returned. */
    private static Exception run(Connection c, List<String> statements, List<String> ran) {
        for (String sql : statements) {
            try {
                Jdbc.execute(c, sql);
                ran.add(sql);
            } catch (SQLException e) {
                return e;
            }
        }
        return null;
    }
}
