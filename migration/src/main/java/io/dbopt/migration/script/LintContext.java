package io.dbopt.migration.script;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A script being linted: its analysed statements plus what the rules need to know around a statement (tables the
 * script creates, indexes it declares, lock timeouts it sets, and what the optional schema snapshot says).
 */
final class LintContext {

    /** One statement with its analysis. */
    record Entry(ScriptStatement statement, Ddl ddl) {
    }

    private final Dialect dialect;
    private final boolean mariaDb;
    private final SqlScript script;
    private final List<Entry> entries;
    private final Optional<SchemaSnapshot> schema;
    private final long largeTableRows;
    private final boolean assumeLockTimeout;
    private final Map<String, Integer> createdAt = new HashMap<>();
    private final Map<String, List<List<String>>> declaredIndexes = new HashMap<>();
    private final Set<Integer> lockTimeoutSetAt = new HashSet<>();

    LintContext(Dialect dialect, boolean mariaDb, SqlScript script, List<Entry> entries,
                Optional<SchemaSnapshot> schema, long largeTableRows, boolean assumeLockTimeout) {
        this.dialect = dialect;
        this.mariaDb = mariaDb;
        this.script = script;
        this.entries = List.copyOf(entries);
        this.schema = schema;
        this.largeTableRows = largeTableRows;
        this.assumeLockTimeout = assumeLockTimeout;
        for (Entry e : entries) {
            collect(e);
        }
    }

    private void collect(Entry e) {
        int index = e.statement().index();
        if (e.ddl() instanceof Ddl.CreateTable ct) {
            createdAt.putIfAbsent(ct.table().name(), index);
            List<List<String>> indexes = declaredIndexes.computeIfAbsent(ct.table().name(), k -> new ArrayList<>());
            ct.columns().stream().filter(c -> c.primaryKey() || c.unique()).forEach(c -> indexes.add(List.of(c.name())));
            ct.constraints().stream().filter(c -> c.kind() != Ddl.ConstraintKind.FOREIGN_KEY
                    && c.kind() != Ddl.ConstraintKind.CHECK).forEach(c -> indexes.add(c.columns()));
            ct.indexes().forEach(i -> indexes.add(i.columns()));
        } else if (e.ddl() instanceof Ddl.CreateIndex ci && !ci.partial()) {
            declaredIndexes.computeIfAbsent(ci.table().name(), k -> new ArrayList<>()).add(ci.columns());
        } else if (e.ddl() instanceof Ddl.AlterTable at) {
            for (Ddl.Action a : at.actions()) {
                if (a instanceof Ddl.AddIndex ai) {
                    declaredIndexes.computeIfAbsent(at.table().name(), k -> new ArrayList<>()).add(ai.index().columns());
                } else if (a instanceof Ddl.AddConstraint ac && (ac.constraint().kind() == Ddl.ConstraintKind.UNIQUE
                        || ac.constraint().kind() == Ddl.ConstraintKind.PRIMARY_KEY)) {
                    declaredIndexes.computeIfAbsent(at.table().name(), k -> new ArrayList<>())
                            .add(ac.constraint().columns());
                }
            }
        } else if (e.ddl() instanceof Ddl.SetSetting set && set.names().stream().anyMatch(n -> n.equals("lock_timeout")
                || n.equals("lock_wait_timeout") || n.equals("innodb_lock_wait_timeout"))) {
            lockTimeoutSetAt.add(index);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    boolean mariaDb() {
        return mariaDb;
    }

    List<Entry> entries() {
        return entries;
    }

    long largeTableRows() {
        return largeTableRows;
    }

    /** Whether the table is created by this script before the given statement (so nobody else uses it yet). */
    boolean isNewTable(Ddl.Name table, ScriptStatement at) {
        Integer created = createdAt.get(table.name());
        return created != null && created < at.index();
    }

    /** Whether a lock timeout is set before the statement, or the runner sets one for every migration. */
    boolean lockTimeoutSetBefore(ScriptStatement at) {
        return assumeLockTimeout || lockTimeoutSetAt.stream().anyMatch(i -> i < at.index());
    }

    /** Whether the script or the snapshot has an index whose leading columns are these. */
    boolean hasIndexLeadingWith(Ddl.Name table, List<String> columns) {
        for (List<String> declared : declaredIndexes.getOrDefault(table.name(), List.of())) {
            if (declared.size() >= columns.size() && declared.subList(0, columns.size()).equals(columns)) {
                return true;
            }
        }
        return table(table).map(t -> t.hasIndexLeadingWith(columns)).orElse(false);
    }

    /** The table as the snapshot knows it. */
    Optional<TableSchema> table(Ddl.Name table) {
        return schema.flatMap(s -> s.table(table.name()));
    }

    /** The snapshot's row estimate of the table, when a snapshot was given and knows it. */
    Optional<Long> estimatedRows(Ddl.Name table) {
        return table(table).map(TableSchema::estimatedRows);
    }

    /** Whether the script has statements other than {@code SET}s and comments besides this one. */
    boolean hasOtherStatements(ScriptStatement statement) {
        return entries.stream().anyMatch(e -> e.statement().index() != statement.index()
                && !(e.ddl() instanceof Ddl.SetSetting));
    }

    /** Whether the script opens a transaction explicitly. */
    boolean opensTransaction() {
        return entries.stream().anyMatch(e -> e.ddl() instanceof Ddl.TransactionControl tc && tc.begin());
    }

    /** A finding builder with the rule's id and severity, the script location and the statement number. */
    Finding.Builder finding(RuleInfo rule, Entry entry, DbObject object) {
        return Finding.builder(rule.id(), rule.severity()).object(object)
                .location(script.location(entry.statement()))
                .evidence("statement", entry.statement().index());
    }

    /** The object for a table name. */
    DbObject tableObject(Ddl.Name table) {
        return DbObject.table(table.toString());
    }

    /** The object for the script itself. */
    DbObject scriptObject() {
        return DbObject.of(ObjectType.MIGRATION, script.name());
    }

    /** Quotes a stored name for the dialect. */
    String quote(String name) {
        return dialect.quote(name);
    }

    /** Quotes a possibly schema-qualified table name. */
    String quote(Ddl.Name name) {
        return name.schema().map(s -> dialect.quote(s) + ".").orElse("") + dialect.quote(name.name());
    }
}
