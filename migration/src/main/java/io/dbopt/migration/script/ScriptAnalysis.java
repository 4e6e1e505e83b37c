package io.dbopt.migration.script;

import io.dbopt.core.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        return of(StatementParser.of(dialect).parseAll(script));
    }

    /** Analyses a script already read by {@link StatementParser#parseAll}. */
    public static ScriptAnalysis of(List<Ddl> statements) {
        List<String> concurrent = new ArrayList<>();
        Set<String> data = new LinkedHashSet<>();
        boolean concurrently = false;
        for (Ddl ddl : statements) {
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

    /**
     * The tables a script touches, when every statement is one whose undo and compensation need no more of the
     * schema than those tables: CREATE TABLE, CREATE INDEX, ALTER TABLE, DROP TABLE without CASCADE, INSERT, UPDATE,
     * DELETE, session settings and transaction control, on unqualified names. Empty when any statement is something
     * else (views, sequences, types, functions, DROP INDEX, CASCADE, a schema-qualified name, what the parser does not
     * understand): then the whole schema must be read. Names as stored, with the lower-case spelling of unquoted
     * names added.
     */
    public static Optional<List<String>> tablesTouched(SqlScript script, Dialect dialect) {
        return tablesTouched(StatementParser.of(dialect).parseAll(script));
    }

    /** {@link #tablesTouched(SqlScript, Dialect)} of a script already read by {@link StatementParser#parseAll}. */
    public static Optional<List<String>> tablesTouched(List<Ddl> statements) {
        Set<String> tables = new LinkedHashSet<>();
        for (Ddl ddl : statements) {
            Optional<List<Ddl.Name>> names = namesTouched(ddl);
            if (names.isEmpty()) {
                return Optional.empty();
            }
            for (Ddl.Name n : names.get()) {
                tables.add(n.name());
                if (!n.quoted()) {
                    tables.add(n.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(tables));
    }

    /**
     * The tables of {@link #tablesTouched(List)} that the script creates before anything else touches them: the
     * first statement naming the table (as stored: an unquoted name in lower case) is a plain {@code CREATE TABLE}
     * (not {@code IF NOT EXISTS}, not {@code TEMPORARY}). If such a script runs to its end, these tables did not exist
     * before it, since {@code CREATE TABLE} fails on an existing table; if it fails, nothing of it remains where the
     * script runs in one transaction (PostgreSQL). Empty when {@link #tablesTouched(List)} is.
     */
    public static Set<String> tablesCreatedFirst(List<Ddl> statements) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> created = new LinkedHashSet<>();
        for (Ddl ddl : statements) {
            Optional<List<Ddl.Name>> names = namesTouched(ddl);
            if (names.isEmpty()) {
                return Set.of();
            }
            boolean plainCreate = ddl instanceof Ddl.CreateTable ct && !ct.ifNotExists() && !ct.temporary();
            for (Ddl.Name n : names.get()) {
                String stored = n.quoted() ? n.name() : n.name().toLowerCase(Locale.ROOT);
                if (seen.add(stored) && plainCreate) {
                    created.add(stored);
                }
            }
        }
        return Set.copyOf(created);
    }

    /**
     * The tables one statement names, or empty when the statement is not one {@link #tablesTouched(List)} can scope
     * (or names a schema-qualified or empty name).
     */
    private static Optional<List<Ddl.Name>> namesTouched(Ddl ddl) {
        List<Ddl.Name> names = new ArrayList<>();
        if (ddl instanceof Ddl.CreateTable ct) {
            names.add(ct.table());
        } else if (ddl instanceof Ddl.CreateIndex ci) {
            names.add(ci.table());
        } else if (ddl instanceof Ddl.AlterTable at) {
            names.add(at.table());
            at.actions().stream().filter(a -> a instanceof Ddl.RenameTable)
                    .forEach(a -> names.add(((Ddl.RenameTable) a).to()));
        } else if (ddl instanceof Ddl.Drop d && d.kind() == Ddl.ObjectKind.TABLE && !d.cascade()) {
            names.addAll(d.names());
        } else if (ddl instanceof Ddl.DataChange dc && !dc.tables().isEmpty()) {
            names.addAll(dc.tables());
        } else if (!(ddl instanceof Ddl.SetSetting) && !(ddl instanceof Ddl.TransactionControl)) {
            return Optional.empty();
        }
        for (Ddl.Name n : names) {
            if (n.schema().isPresent() || n.name().isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }
}
