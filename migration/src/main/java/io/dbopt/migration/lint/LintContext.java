package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.migration.schema.TableSchema;
import io.dbopt.migration.script.Ddl;
import io.dbopt.migration.script.ScriptStatement;
import io.dbopt.migration.script.SqlScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A script being linted: its statements with what they do, the transaction each runs in, and what the rules need
 * to know around a statement (tables the script creates and fills, indexes and constraints it declares, timeouts it
 * sets, what earlier scripts and the optional schema snapshot say). Built once per script; not thread-safe.
 */
final class LintContext {

    /**
     * One statement with its analysis.
     *
     * @param inTransaction whether it runs inside a transaction block
     * @param block the transaction block it runs in (statements with the same number share one); -1 outside any
     * @param tokens the statement's tokens without comments
     */
    record Entry(ScriptStatement statement, Ddl ddl, boolean inTransaction, int block, List<SqlToken> tokens) {
        int index() {
            return statement.index();
        }
    }

    /** Settings that bound how long a statement waits for a lock. */
    private static final Set<String> TIMEOUTS = Set.of("lock_timeout", "lock_wait_timeout", "innodb_lock_wait_timeout");
    private static final Set<String> STATEMENT_TIMEOUTS = Set.of("statement_timeout", "max_statement_time",
            "max_execution_time");

    private final LintSettings settings;
    private final SqlScript script;
    private final List<Entry> entries;
    private final History history;
    private final boolean runnerTransaction;
    private final Map<String, Integer> createdAt = new HashMap<>();
    private final Map<String, Integer> filledAt = new HashMap<>();
    private final Map<String, List<List<String>>> declaredIndexes = new HashMap<>();

    LintContext(LintSettings settings, SqlScript script, List<Ddl> parsed, List<List<SqlToken>> tokens,
                History history) {
        this.settings = settings;
        this.script = script;
        this.history = history;
        this.runnerTransaction = !settings.mariaDb() && settings.transactions() == TransactionModel.PER_FILE
                && parsed.stream().noneMatch(NonTransactional::refusedInTransaction);
        this.entries = transactions(script.statements(), parsed, tokens);
        for (Entry e : entries) {
            collect(e);
        }
    }

    /** Which transaction block each statement runs in, following the runner's model and the script's own BEGINs. */
    private List<Entry> transactions(List<ScriptStatement> statements, List<Ddl> parsed,
                                     List<List<SqlToken>> tokens) {
        List<Entry> out = new ArrayList<>();
        boolean in = runnerTransaction;
        int block = in ? 0 : -1;
        int next = 1;
        for (int i = 0; i < statements.size(); i++) {
            Ddl ddl = parsed.get(i);
            out.add(new Entry(statements.get(i), ddl, in, block, tokens.get(i)));
            if (ddl instanceof Ddl.TransactionControl tc && !settings.mariaDb()) {
                if (tc.begin() && !in) {
                    in = true;
                    block = next++;
                } else if (!tc.begin()) {
                    in = false;
                    block = -1;
                }
            }
        }
        return List.copyOf(out);
    }

    private void collect(Entry e) {
        int index = e.index();
        if (e.ddl() instanceof Ddl.CreateTable ct) {
            createdAt.putIfAbsent(ct.table().name(), index);
            List<List<String>> indexes = declaredIndexes.computeIfAbsent(ct.table().name(), k -> new ArrayList<>());
            ct.columns().stream().filter(c -> c.primaryKey() || c.unique()).forEach(c -> indexes.add(List.of(c.name())));
            ct.constraints().stream().filter(c -> c.kind() == Ddl.ConstraintKind.PRIMARY_KEY
                    || c.kind() == Ddl.ConstraintKind.UNIQUE).forEach(c -> indexes.add(c.columns()));
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
        } else if (e.ddl() instanceof Ddl.DataChange dc && !dc.verb().equals("TRUNCATE")) {
            dc.tables().forEach(t -> filledAt.putIfAbsent(t.name(), index));
        }
    }

    LintSettings settings() {
        return settings;
    }

    boolean mariaDb() {
        return settings.mariaDb();
    }

    List<Entry> entries() {
        return entries;
    }

    SqlScript script() {
        return script;
    }

    History history() {
        return history;
    }

    /** Whether the runner wraps this script in one transaction (PER_FILE on PostgreSQL, nothing refusing it). */
    boolean runnerTransaction() {
        return runnerTransaction;
    }

    /** The statements before {@code at}, nearest last. */
    List<Entry> before(Entry at) {
        return entries.subList(0, at.index() - 1);
    }

    /** Whether the table is created by this script before the given statement (so nobody else uses it yet). */
    boolean isNewTable(Ddl.Name table, Entry at) {
        Integer created = createdAt.get(table.name());
        return created != null && created < at.index();
    }

    /** Whether the table is new and no statement between its creation and {@code at} put rows into it. */
    boolean isNewEmptyTable(Ddl.Name table, Entry at) {
        Integer filled = filledAt.get(table.name());
        return isNewTable(table, at) && (filled == null || filled > at.index());
    }

    /** Whether an earlier statement matching the test sets one of these settings. */
    private boolean setBefore(Entry at, Set<String> names) {
        return before(at).stream().anyMatch(e -> e.ddl() instanceof Ddl.SetSetting s
                && s.names().stream().anyMatch(names::contains));
    }

    /** Whether a lock timeout is set before the statement, or the runner sets one for every migration. */
    boolean lockTimeoutSetBefore(Entry at) {
        return settings.assumeLockTimeout() || setBefore(at, TIMEOUTS);
    }

    /** Whether a statement timeout is set before the statement, or the runner sets one. */
    boolean statementTimeoutSetBefore(Entry at) {
        return settings.assumeStatementTimeout() || setBefore(at, STATEMENT_TIMEOUTS);
    }

    /** The locks the statement takes on tables other statements of the application can be using. */
    List<Locks.TableLock> existingTableLocks(Entry e) {
        if (mariaDb()) {
            return List.of();
        }
        return Locks.of(e.ddl()).stream().filter(l -> !isNewTable(l.table(), e)).toList();
    }

    /**
     * The earliest statement before {@code at}, in the same transaction, that took a lock blocking writes on a table
     * that existed before the script: while {@code at} runs, that lock is still held.
     */
    Optional<Entry> blockingLockHeldAt(Entry at) {
        if (at.block() < 0) {
            return Optional.empty();
        }
        return before(at).stream().filter(e -> e.block() == at.block())
                .filter(e -> existingTableLocks(e).stream().anyMatch(l -> l.level().blocksWrites())).findFirst();
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
        return settings.schema().flatMap(s -> s.table(table.name()));
    }

    /** The snapshot's row estimate of the table, when a snapshot was given and knows it. */
    Optional<Long> estimatedRows(Ddl.Name table) {
        return table(table).map(TableSchema::estimatedRows);
    }

    /** Whether the script has statements (a SET included) besides the ones the test accepts. */
    boolean hasOtherStatements(Predicate<Entry> besides) {
        return entries.stream().anyMatch(e -> !besides.test(e));
    }

    /** The text of one ALTER TABLE action, without the comma that separates it from the next. */
    static String actionText(Entry entry, Ddl.AlterTable at, int index) {
        String sql = entry.statement().sql();
        int end = index + 1 < at.actions().size() ? at.offsetOf(index + 1) : sql.length();
        String text = sql.substring(at.offsetOf(index), end).strip();
        return text.endsWith(",") ? text.substring(0, text.length() - 1).strip() : text;
    }

    /** A finding builder with the rule's id and severity, the statement's location, number and docs link. */
    Finding.Builder finding(RuleInfo rule, Entry entry, DbObject object) {
        return finding(rule, entry, 0, object);
    }

    /** A finding builder located at an offset into the statement's text. */
    Finding.Builder finding(RuleInfo rule, Entry entry, int offset, DbObject object) {
        return Finding.builder(rule.id(), rule.severity()).object(object)
                .location(script.location(entry.statement(), offset))
                .evidence("statement", entry.index())
                .evidence("docs", rule.docs());
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
        return settings.dialect().quote(name);
    }

    /** Quotes a possibly schema-qualified name. */
    String quote(Ddl.Name name) {
        return name.schema().map(s -> quote(s) + ".").orElse("") + quote(name.name());
    }
}
