package io.dbopt.migration.script;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Facts about a script that a migration runner acts on: which indexes it builds with {@code CONCURRENTLY} (an
 * INVALID leftover of one must be removed before a retry) and which tables it changes the data of. Immutable.
 *
 * @param indexesBuiltConcurrently index names written in {@code CREATE INDEX CONCURRENTLY} statements, as stored
 * @param tablesWithDataChanges tables named by INSERT, UPDATE or DELETE statements
 * @param concurrent whether any statement runs CONCURRENTLY (CREATE/DROP INDEX, REINDEX, DETACH PARTITION), so the
 *     script cannot run inside a transaction
 */
public record ScriptAnalysis(List<String> indexesBuiltConcurrently, Set<String> tablesWithDataChanges,
                             boolean concurrent) {

    /** Copies. */
    public ScriptAnalysis {
        indexesBuiltConcurrently = List.copyOf(indexesBuiltConcurrently);
        tablesWithDataChanges = Set.copyOf(tablesWithDataChanges);
    }

    /** Analyses a script. */
    public static ScriptAnalysis of(SqlScript script, Dialect dialect) {
        StatementParser parser = new StatementParser(dialect.product() != DatabaseProduct.POSTGRESQL);
        List<String> concurrent = new ArrayList<>();
        Set<String> data = new LinkedHashSet<>();
        boolean concurrently = false;
        for (ScriptStatement s : script.statements()) {
            Ddl ddl = parser.parse(s);
            if (ddl instanceof Ddl.CreateIndex ci && ci.concurrently()) {
                concurrently = true;
                if (ci.named()) {
                    // an unnamed index's name is the server's choice; only a written name finds a leftover for sure
                    concurrent.add(ci.name());
                }
            } else if (ddl instanceof Ddl.Drop d && d.concurrently()
                    || ddl instanceof Ddl.Reindex r && r.concurrently()
                    || ddl instanceof Ddl.AlterTable at && at.actions().stream().anyMatch(a ->
                    a instanceof Ddl.DetachPartition dp && dp.option().filter("CONCURRENTLY"::equals).isPresent())) {
                concurrently = true;
            } else if (ddl instanceof Ddl.DataChange dc) {
                dc.table().ifPresent(t -> data.add(t.name()));
            }
        }
        return new ScriptAnalysis(concurrent, data, concurrently);
    }
}
