package io.dbopt.migration.verify;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.migration.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Verifies a database after migrations in one call: schema against an expected snapshot ({@link SchemaValidator}),
 * data fingerprints against those taken before ({@link DataIntegrityChecker}), orphaned rows, and NOT VALID
 * constraints ({@link ConstraintValidator}, checked, not validated). Immutable and thread-safe.
 *
 * <pre>{@code
 * List<TableFingerprint> before = DataIntegrityChecker.of(ds).fingerprint("orders");
 * framework.migrate();
 * ReportSection section = MigrationVerification.builder(ds).expectedSchema(expected)
 *     .fingerprintsBefore(before).build().run();
 * }</pre>
 */
public final class MigrationVerification {

    private final DataSource dataSource;
    private final Optional<SchemaSnapshot> expected;
    private final List<TableFingerprint> before;
    private final boolean orphans;
    private final boolean constraints;

    private MigrationVerification(Builder b) {
        this.dataSource = b.dataSource;
        this.expected = Optional.ofNullable(b.expected);
        this.before = List.copyOf(b.before);
        this.orphans = b.orphans;
        this.constraints = b.constraints;
    }

    /** Starts a verification of a database. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Runs every configured check and returns them as one report section titled "Verification". */
    public ReportSection run() {
        List<Finding> findings = new ArrayList<>();
        List<ReportSection.Fact> facts = new ArrayList<>();
        expected.ifPresent(e -> {
            List<Finding> drift = SchemaValidator.of(DatabaseInfo.detect(dataSource).dialect()).validate(dataSource, e);
            facts.add(new ReportSection.Fact("schema", drift.isEmpty() ? "matches the expectation"
                    : drift.size() + " difference(s)"));
            findings.addAll(drift);
        });
        if (!before.isEmpty()) {
            DataIntegrityChecker checker = DataIntegrityChecker.of(dataSource);
            List<TableFingerprint> after = checker.fingerprint(before.stream().map(TableFingerprint::table)
                    .toArray(String[]::new));
            List<Finding> changed = checker.compare(before, after);
            facts.add(new ReportSection.Fact("fingerprinted tables", before.size() + ", " + changed.size() + " changed"));
            findings.addAll(changed);
        }
        if (orphans) {
            List<Finding> found = DataIntegrityChecker.of(dataSource).orphans();
            facts.add(new ReportSection.Fact("orphaned rows", found.isEmpty() ? "none" : found.size() + " foreign key(s)"));
            findings.addAll(found);
        }
        if (constraints) {
            ConstraintValidator.of(dataSource).check().forEach(c -> c.toFinding().ifPresent(findings::add));
        }
        return ReportSection.of("Verification", facts, findings);
    }

    /** Configures a {@link MigrationVerification}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private SchemaSnapshot expected;
        private final List<TableFingerprint> before = new ArrayList<>();
        private boolean orphans = true;
        private boolean constraints = true;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The schema the database must have. */
        public Builder expectedSchema(SchemaSnapshot value) {
            this.expected = Objects.requireNonNull(value, "expected");
            return this;
        }

        /** Fingerprints taken before the migration; the same tables are fingerprinted again and compared. */
        public Builder fingerprintsBefore(List<TableFingerprint> value) {
            before.addAll(value);
            return this;
        }

        /** Whether to look for orphaned foreign-key rows; default true. */
        public Builder orphans(boolean value) {
            this.orphans = value;
            return this;
        }

        /** Whether to check NOT VALID (and, on MariaDB, all) constraints against existing rows; default true. */
        public Builder constraints(boolean value) {
            this.constraints = value;
            return this;
        }

        /** Builds the verification. */
        public MigrationVerification build() {
            return new MigrationVerification(this);
        }
    }
}
