package io.dbopt.migration.verify;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.MigrationGenerator;
import io.dbopt.migration.schema.SchemaChange;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Compares the live schema with an expected snapshot (tables, columns, types, nullability, defaults, indexes,
 * constraints, views, sequences; types normalised per dialect) and reports each difference as a
 * {@code migration.schema-drift} finding whose fix is the DDL that makes the live schema match. Something the
 * expectation has and the database lacks is an error; something extra is a warning. Immutable and thread-safe.
 */
public final class SchemaValidator {

    /** The check id of every finding. */
    public static final String CHECK = "migration.schema-drift";

    private final Dialect dialect;

    private SchemaValidator(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A validator for a dialect. */
    public static SchemaValidator of(Dialect dialect) {
        return new SchemaValidator(Objects.requireNonNull(dialect, "dialect"));
    }

    /** Reads the live schema and compares it with the expectation. */
    public List<Finding> validate(DataSource dataSource, SchemaSnapshot expected) {
        return validate(SchemaReader.of(dialect).read(dataSource), expected);
    }

    /** Compares a live snapshot with the expectation. */
    public List<Finding> validate(SchemaSnapshot live, SchemaSnapshot expected) {
        SchemaSnapshot aligned = new SchemaSnapshot(expected.dialect(), live.schema(), expected.tables(),
                expected.views(), expected.sequences());
        SchemaDiff diff = SchemaDiff.between(live, aligned);
        MigrationGenerator generator = MigrationGenerator.of(dialect);
        List<Finding> findings = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            boolean missing = change instanceof SchemaChange.TableAdded || change instanceof SchemaChange.ColumnAdded
                    || change instanceof SchemaChange.IndexAdded || change instanceof SchemaChange.ConstraintAdded
                    || change instanceof SchemaChange.ViewAdded || change instanceof SchemaChange.SequenceAdded
                    || change instanceof SchemaChange.ColumnChanged;
            List<String> fix = generator.statements(new SchemaDiff(List.of(change)));
            findings.add(Finding.builder(CHECK, missing ? Severity.ERROR : Severity.WARNING)
                    .object(DbObject.of(ObjectType.TABLE, change.objectName()))
                    .message("Live schema differs from the expected one: " + describe(change))
                    .fix(fix.isEmpty() ? Fix.advice("apply the missing migration or update the expectation")
                            : new Fix("make the live schema match the expectation", fix))
                    .build());
        }
        return findings;
    }

    /** Words the change from the expectation's side: what the live schema lacks or has in excess. */
    private static String describe(SchemaChange change) {
        String d = change.describe();
        if (d.endsWith(" added") || d.contains(" added (")) {
            return d.replace(" added", " is expected but missing");
        }
        if (d.endsWith(" removed")) {
            return d.replace(" removed", " exists but is not expected");
        }
        return d.replace(" -> ", " (live) vs expected ");
    }
}
