package io.dbopt.migration.script;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.finding.CheckId;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.SchemaSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lints migration scripts for DDL that locks or rewrites tables, loses data or breaks running code, before anything
 * runs: the PostgreSQL rules of squawk and strong_migrations, MariaDB's copying and locking ALTERs, and a few of
 * both. Statements are parsed with JSqlParser; what it cannot parse is reported as {@code migration.not-analysed},
 * never a crash. Findings carry the file and line ({@code V3__add_index.sql:12}) and honour
 * {@code -- dbopt:ignore <rule> <reason>} comments (see {@link SqlScript}). Immutable and thread-safe.
 *
 * <pre>{@code
 * LintResult result = MigrationValidator.builder(dialect).build().lintDirectory(Path.of("src/main/resources/db"));
 * if (result.hasFindingsAtLeast(Severity.ERROR)) { ... }
 * }</pre>
 */
public final class MigrationValidator {

    /** Reported for a {@code dbopt:ignore} comment without a rule or a reason. */
    public static final RuleInfo INVALID_SUPPRESSION = RuleInfo.both("migration.invalid-suppression",
            Severity.WARNING, "a suppression without a rule or a reason hides nothing and explains nothing",
            "-- dbopt:ignore <rule> <why it does not apply here>");

    private static final List<LintRule> RULES = List.of(new NonConcurrentIndexRule(),
            new ConcurrentlyInTransactionRule(), new VolatileDefaultRule(), new NotNullWithoutDefaultRule(),
            new SetNotNullRule(), new ConstraintNotValidRule(), new UniqueConstraintRule(), new ColumnTypeChangeRule(),
            new RenameRule(), new DropRule(), new MissingLockTimeoutRule(), new SerialColumnRule(),
            new IntPrimaryKeyRule(), new TypeChoiceRules(), new IdentifierLengthRule(), new CopyingAlterRule(),
            new LockNoneRule(), new ForeignKeyIndexRule(), new ExpressionDefaultRule(), new NotAnalysedRule());

    private final Dialect dialect;
    private final boolean mariaDb;
    private final Optional<SchemaSnapshot> schema;
    private final long largeTableRows;
    private final boolean assumeLockTimeout;
    private final Set<String> disabled;

    private MigrationValidator(Builder b) {
        this.dialect = b.dialect;
        this.mariaDb = b.dialect.product() != DatabaseProduct.POSTGRESQL;
        this.schema = Optional.ofNullable(b.schema);
        this.largeTableRows = b.largeTableRows;
        this.assumeLockTimeout = b.assumeLockTimeout;
        this.disabled = Set.copyOf(b.disabled);
    }

    /** Starts a validator for scripts written for this dialect. */
    public static Builder builder(Dialect dialect) {
        return new Builder(dialect);
    }

    /** Every rule, in the order they run, for documentation and listings. */
    public static List<RuleInfo> rules() {
        List<RuleInfo> all = new ArrayList<>();
        RULES.forEach(r -> all.addAll(r.infos()));
        all.add(INVALID_SUPPRESSION);
        return List.copyOf(all);
    }

    /** Lints a script's text. */
    public LintResult lint(String scriptName, String text) {
        return lint(SqlScript.parse(scriptName, text, dialect));
    }

    /** Lints a parsed script. */
    public LintResult lint(SqlScript script) {
        StatementParser parser = new StatementParser(mariaDb);
        List<LintContext.Entry> entries = new ArrayList<>();
        for (ScriptStatement s : script.statements()) {
            entries.add(new LintContext.Entry(s, parser.parse(s)));
        }
        LintContext context = new LintContext(dialect, mariaDb, script, entries, schema, largeTableRows,
                assumeLockTimeout);
        List<Finding> findings = new ArrayList<>();
        int suppressed = 0;
        int notAnalysed = 0;
        for (LintContext.Entry entry : entries) {
            if (entry.ddl() instanceof Ddl.NotAnalysed) {
                notAnalysed++;
            }
            List<Finding> raw = new ArrayList<>();
            for (LintRule rule : RULES) {
                if (rule.infos().stream().anyMatch(mariaDb ? RuleInfo::mariaDb : RuleInfo::postgres)) {
                    rule.check(context, entry, raw);
                }
            }
            for (String bad : entry.statement().badSuppressions()) {
                raw.add(context.finding(INVALID_SUPPRESSION, entry, context.scriptObject()).message(bad)
                        .fix(Fix.advice(INVALID_SUPPRESSION.safeAlternative())).build());
            }
            for (Finding f : raw) {
                if (disabled.contains(f.check().value())) {
                    continue;
                }
                if (entry.statement().isSuppressed(f.check().value())) {
                    suppressed++;
                } else {
                    findings.add(f);
                }
            }
        }
        return new LintResult(1, entries.size(), notAnalysed, suppressed, findings);
    }

    /**
     * Lints every {@code .sql} file under a directory, recursively, in name order, leaving out undo scripts
     * ({@code U<version>__*.sql}), which drop by design. Findings name files by their path under the directory
     * ({@code core/V3__add_index.sql:12}).
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
                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql"))
                    .filter(p -> !p.getFileName().toString().matches("U\\d.*"))
                    .sorted(Comparator.comparing(p -> directory.relativize(p).toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migration scripts under " + directory, e);
        }
        LintResult result = LintResult.empty();
        for (Path file : files) {
            try {
                String name = directory.relativize(file).toString().replace('\\', '/');
                result = result.plus(lint(name, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration script " + file, e);
            }
        }
        return result;
    }

    /** Configures a {@link MigrationValidator}; not thread-safe. */
    public static final class Builder {
        private final Dialect dialect;
        private SchemaSnapshot schema;
        private long largeTableRows = 100_000;
        private boolean assumeLockTimeout;
        private final Set<String> disabled = new HashSet<>();

        private Builder(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
        }

        /**
         * The live schema the scripts will run against: row estimates decide whether {@code SET NOT NULL} is on a
         * large table, existing indexes satisfy the foreign-key rule, column types tell safe type changes apart.
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

        /**
         * Turns a rule off everywhere (prefer a {@code dbopt:ignore} comment with a reason on the statement).
         *
         * @throws IllegalArgumentException naming the known rules when the id is not one
         */
        public Builder disable(String ruleId) {
            CheckId.of(ruleId);
            if (rules().stream().noneMatch(r -> r.id().equals(ruleId))) {
                throw new IllegalArgumentException("Unknown lint rule '" + ruleId + "': use one of "
                        + rules().stream().map(RuleInfo::id).toList());
            }
            disabled.add(ruleId);
            return this;
        }

        /** Builds the validator. */
        public MigrationValidator build() {
            return new MigrationValidator(this);
        }
    }
}
