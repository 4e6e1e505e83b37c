package io.dbopt.migration.lint;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.CheckId;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.finding.Suppression;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.script.Ddl;
import io.dbopt.migration.script.ScriptStatement;
import io.dbopt.migration.script.SqlScript;
import io.dbopt.migration.script.StatementParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lints migration scripts for DDL that locks or rewrites tables, loses data, breaks running code or cannot run,
 * before anything runs: every rule of squawk and strong_migrations (PostgreSQL and MariaDB) with the same or a
 * stricter meaning, and a few of dbopt's own. Every statement is classified (PostgreSQL by dbopt's reader over core's
 * SQL lexer, MariaDB with JSqlParser); one that is not valid SQL is a {@code migration.syntax-error} with its line,
 * and the rest of the script is still linted. Rules know the server version ({@link Dialect#version()}: what is safe
 * on PostgreSQL 11+ or MariaDB 10.3+ is not flagged there) and how the runner wraps a script in transactions
 * ({@link TransactionModel}). Findings carry {@code file:line:column}, the statement number, a link to the rule's
 * docs section and, where one exists, the safe rewrite as SQL; they honour {@code -- dbopt:ignore <rule> <reason>}
 * comments (see {@link SqlScript}). Immutable and thread-safe.
 *
 * <pre>{@code
 * LintResult result = MigrationValidator.builder(dialect).build().lintDirectory(Path.of("src/main/resources/db"));
 * if (result.hasFindingsAtLeast(Severity.ERROR)) { ... }
 * }</pre>
 */
public final class MigrationValidator {

    /** Reported for a {@code dbopt:ignore} comment without a rule or a reason. */
    public static final RuleInfo INVALID_SUPPRESSION = RuleInfo.both("migration.invalid-suppression",
            Severity.WARNING, "a suppression without a rule or a reason, or naming no rule, hides nothing and "
                    + "explains nothing (a misspelt rule leaves the finding it meant to hide)",
            "-- dbopt:ignore <rule> <why it does not apply here>").squawk("unused-ignore");
    /** Reported for a {@code dbopt:ignore} comment that suppressed nothing. */
    public static final RuleInfo UNUSED_SUPPRESSION = RuleInfo.both("migration.unused-suppression", Severity.INFO,
            "a suppression the rule no longer needs hides the next real finding of that rule on the statement",
            "remove the dbopt:ignore comment").squawk("unused-ignore");

    private static final List<LintRule> RULES = List.of(new NonConcurrentIndexRule(), new NonConcurrentIndexDropRule(),
            new NonConcurrentReindexRule(), new DetachPartitionRule(), new ConcurrentlyInTransactionRule(),
            new NonTransactionalRule(), new VolatileDefaultRule(), new StoredGeneratedColumnRule(),
            new AutoIncrementColumnRule(), new NotNullWithoutDefaultRule(), new SetNotNullRule(),
            new DropNotNullRule(), new ConstraintNotValidRule(), new ValidateInTransactionRule(),
            new UniqueConstraintRule(), new ExclusionConstraintRule(), new ColumnTypeChangeRule(), new RenameRule(),
            new DropRule(), new TruncateCascadeRule(), new TimeoutRule(), new TypeChoiceRules(),
            new IntPrimaryKeyRule(), new IdentifierLengthRule(), new DomainConstraintRule(), new EnumValueOrderRule(),
            new TransactionRules(), new TableSchemaRule(), new PreferRepackRule(), new DuplicateAssignmentRule(),
            new RobustStatementsRule(), new IndexColumnsRule(), new IndexCorruptionRule(), new BackfillRule(),
            new ForeignKeyIndexRule(), new CopyingAlterRule(), new LockNoneRule(), new BlockingLockOptionRule(),
            new ExpressionDefaultRule(), new UnreadableStatementRule());

    private static final Set<String> KNOWN_IDS = rules().stream().map(RuleInfo::id).collect(
            java.util.stream.Collectors.toUnmodifiableSet());

    private final LintSettings settings;
    private final Set<String> disabled;
    private final List<LintRule> active;
    private final Set<String> activeIds;

    private MigrationValidator(Builder b) {
        this.settings = new LintSettings(b.dialect, Optional.ofNullable(b.schema), b.largeTableRows,
                b.assumeLockTimeout, b.assumeStatementTimeout, b.transactions, Set.copyOf(b.enabled));
        this.disabled = Set.copyOf(b.disabled);
        boolean mariaDb = settings.mariaDb();
        this.active = RULES.stream().filter(r -> r.infos().stream().anyMatch(i -> i.appliesTo(mariaDb)
                && (!i.optIn() || b.enabled.contains(i.id())))).toList();
        Set<String> ids = new HashSet<>();
        active.forEach(r -> r.infos().forEach(i -> ids.add(i.id())));
        this.activeIds = Set.copyOf(ids);
    }

    /** Starts a validator for scripts written for this dialect (and server version). */
    public static Builder builder(Dialect dialect) {
        return new Builder(dialect);
    }

    /** Every rule, in the order they run, for documentation and listings. */
    public static List<RuleInfo> rules() {
        List<RuleInfo> all = new ArrayList<>();
        RULES.forEach(r -> all.addAll(r.infos()));
        all.add(INVALID_SUPPRESSION);
        all.add(UNUSED_SUPPRESSION);
        return List.copyOf(all);
    }

    /** Lints a script's text. */
    public LintResult lint(String scriptName, String text) {
        return lint(SqlScript.parse(scriptName, text, settings.dialect()), new History(), settings);
    }

    /** Lints a parsed script. */
    public LintResult lint(SqlScript script) {
        return lint(script, new History(), settings);
    }

    private LintResult lint(SqlScript script, History history, LintSettings forScript) {
        StatementParser parser = new StatementParser(forScript.mariaDb());
        List<Ddl> parsed = new ArrayList<>(script.statements().size());
        List<List<SqlToken>> tokens = new ArrayList<>(script.statements().size());
        for (ScriptStatement s : script.statements()) {
            List<SqlToken> t = s.tokens(forScript.mariaDb());
            tokens.add(t);
            parsed.add(parser.parse(s, t));
        }
        LintContext context = new LintContext(forScript, script, parsed, tokens, history);
        List<Finding> findings = new ArrayList<>();
        int suppressed = 0;
        int notAnalysed = 0;
        for (LintContext.Entry entry : context.entries()) {
            if (entry.ddl() instanceof Ddl.NotAnalysed) {
                notAnalysed++;
            }
            List<Finding> raw = new ArrayList<>();
            for (LintRule rule : active) {
                rule.check(context, entry, raw);
            }
            Set<String> used = new HashSet<>();
            for (Finding f : raw) {
                String id = f.check().value();
                if (disabled.contains(id)) {
                    continue;
                }
                if (entry.statement().isSuppressed(id)) {
                    suppressed++;
                    used.add(id);
                } else {
                    findings.add(f);
                }
            }
            suppressionFindings(context, entry, used, findings);
        }
        history.record(context);
        return new LintResult(1, context.entries().size(), notAnalysed, suppressed, findings);
    }

    private void suppressionFindings(LintContext context, LintContext.Entry entry, Set<String> used,
                                     List<Finding> findings) {
        for (String bad : entry.statement().badSuppressions()) {
            if (!disabled.contains(INVALID_SUPPRESSION.id())) {
                findings.add(context.finding(INVALID_SUPPRESSION, entry, context.scriptObject()).message(bad)
                        .fix(Fix.advice(INVALID_SUPPRESSION.safeAlternative())).build());
            }
        }
        for (Suppression s : entry.statement().suppressions()) {
            String id = s.check().value();
            if (!KNOWN_IDS.contains(id) && !disabled.contains(INVALID_SUPPRESSION.id())) {
                findings.add(context.finding(INVALID_SUPPRESSION, entry, context.scriptObject())
                        .message("dbopt:ignore names " + id + ", which is no lint rule: it suppresses nothing")
                        .fix(Fix.advice("use one of the rule ids of dbopt lint --rules")).build());
            } else if (!used.contains(id) && !disabled.contains(id) && !disabled.contains(UNUSED_SUPPRESSION.id())
                    && activeIds.contains(id)) {
                findings.add(context.finding(UNUSED_SUPPRESSION, entry, context.scriptObject())
                        .message("dbopt:ignore " + id + " suppresses nothing on statement " + entry.index())
                        .fix(Fix.advice(UNUSED_SUPPRESSION.safeAlternative())).build());
            }
        }
    }

    /**
     * Lints every {@code .sql} file under a directory, recursively, in name order, leaving out undo scripts
     * ({@code U<version>__*.sql}), which drop by design. Findings name files by their path under the directory
     * ({@code core/V3__add_index.sql:12:1}). A script whose Flyway configuration file ({@code V3__x.sql.conf}) says
     * {@code executeInTransaction=false} is linted as run without a transaction; constraints added by earlier
     * scripts are known to later ones.
     *
     * @throws UncheckedIOException when the directory cannot be read
     */
    public LintResult lintDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("'" + directory + "' is not a directory: pass the folder that holds "
                    + "the migration scripts");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .filter(p -> !p.getFileName().toString().matches("U\\d.*"))
                    .sorted(Comparator.comparing(p -> directory.relativize(p).toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migration scripts under " + directory, e);
        }
        History history = new History();
        List<LintResult> results = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                String name = directory.relativize(file).toString().replace('\\', '/');
                SqlScript script = SqlScript.parse(name, Files.readString(file, StandardCharsets.UTF_8),
                        settings.dialect());
                results.add(lint(script, history, settingsFor(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration script " + file, e);
            }
        }
        return LintResult.of(results);
    }

    /** The settings for one file: Flyway's {@code <script>.conf} may switch its transaction off. */
    private LintSettings settingsFor(Path file) throws IOException {
        Path conf = file.resolveSibling(file.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return settings;
        }
        for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
            String squashed = line.replace(" ", "").toLowerCase(Locale.ROOT);
            if (squashed.equals("executeintransaction=false")) {
                return settings.withTransactions(TransactionModel.NONE);
            }
        }
        return settings;
    }

    /** Configures a {@link MigrationValidator}; not thread-safe. */
    public static final class Builder {
        private final Dialect dialect;
        private SchemaSnapshot schema;
        private long largeTableRows = 100_000;
        private boolean assumeLockTimeout;
        private boolean assumeStatementTimeout;
        private TransactionModel transactions = TransactionModel.PER_FILE;
        private final Set<String> disabled = new HashSet<>();
        private final Set<String> enabled = new HashSet<>();

        private Builder(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
        }

        /**
         * The live schema the scripts will run against: row estimates decide whether {@code SET NOT NULL} is on a
         * large table, existing indexes satisfy the foreign-key rule, column types tell safe type changes apart,
         * validated check constraints prove NOT NULL.
         */
        public Builder schema(SchemaSnapshot value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /** From how many estimated rows a table counts as large; default 100,000. */
        public Builder largeTableRows(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("largeTableRows must be >= 0, was " + value);
            }
            this.largeTableRows = value;
            return this;
        }

        /** Whether the runner sets a lock timeout itself (dbopt's MigrationFramework does), silencing that rule. */
        public Builder assumeLockTimeout(boolean value) {
            this.assumeLockTimeout = value;
            return this;
        }

        /** Whether the runner sets a statement timeout itself, silencing {@code migration.missing-statement-timeout}. */
        public Builder assumeStatementTimeout(boolean value) {
            this.assumeStatementTimeout = value;
            return this;
        }

        /** How the runner wraps a script in transactions; default {@link TransactionModel#PER_FILE} (Flyway's). */
        public Builder transactions(TransactionModel value) {
            this.transactions = Objects.requireNonNull(value, "transactions");
            return this;
        }

        /**
         * Turns a rule off everywhere (prefer a {@code dbopt:ignore} comment with a reason on the statement).
         *
         * @throws IllegalArgumentException naming the known rules when the id is not one
         */
        public Builder disable(String ruleId) {
            disabled.add(known(ruleId).id());
            return this;
        }

        /**
         * Turns on an opt-in rule ({@code migration.table-schema}); enabling a rule that runs by default changes
         * nothing.
         *
         * @throws IllegalArgumentException naming the known rules when the id is not one
         */
        public Builder enable(String ruleId) {
            enabled.add(known(ruleId).id());
            return this;
        }

        private static RuleInfo known(String ruleId) {
            String id = ruleId.startsWith("migration.") ? ruleId : "migration." + ruleId;
            CheckId.of(id);
            return rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("Unknown lint rule '" + ruleId + "': use one of "
                            + rules().stream().map(RuleInfo::shortId).toList()));
        }

        /** Builds the validator. */
        public MigrationValidator build() {
            return new MigrationValidator(this);
        }
    }
}
