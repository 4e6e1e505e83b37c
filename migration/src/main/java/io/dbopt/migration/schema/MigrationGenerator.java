package io.dbopt.migration.schema;

import io.dbopt.core.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Writes migrations from schema differences: the DDL that turns a live schema into a desired one (read from a
 * reference database, or from a scratch database the migrations were applied to), together with its undo. The
 * same writer restores a schema to an earlier snapshot, which is how MariaDB migrations are compensated.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * GeneratedMigration m = MigrationGenerator.of(dialect).generate(liveDataSource, referenceDataSource);
 * m.writeTo(Path.of("src/main/resources/db/core"), "5", "catch_up_with_reference");
 * }</pre>
 */
public final class MigrationGenerator {

    private final Dialect dialect;
    private final DdlWriter writer;

    private MigrationGenerator(Dialect dialect) {
        this.dialect = dialect;
        this.writer = new DdlWriter(dialect);
    }

    /** A generator for a dialect. */
    public static MigrationGenerator of(Dialect dialect) {
        return new MigrationGenerator(Objects.requireNonNull(dialect, "dialect"));
    }

    /** The statements that turn {@code diff}'s source schema into its target. */
    public List<String> statements(SchemaDiff diff) {
        return writer.write(diff);
    }

    /** A column definition as this dialect's DDL writes it: {@code name type [NOT NULL] [DEFAULT ...]}. */
    public String columnDefinition(ColumnSchema column) {
        return writer.column(column);
    }

    /** The statements that turn {@code current} back into {@code target}. */
    public List<String> restore(SchemaSnapshot current, SchemaSnapshot target) {
        return writer.write(SchemaDiff.between(current, target));
    }

    /** A migration from {@code current} to {@code desired}, with its undo. */
    public GeneratedMigration generate(SchemaSnapshot current, SchemaSnapshot desired) {
        SchemaDiff forward = SchemaDiff.between(current, desired);
        List<String> warnings = new ArrayList<>();
        for (SchemaChange c : forward.changes()) {
            if (c instanceof SchemaChange.TableRemoved || c instanceof SchemaChange.ColumnRemoved) {
                warnings.add(c.describe() + ": its data is lost, and the undo brings back the structure only");
            } else if (c instanceof SchemaChange.ColumnChanged ch && !ch.before().type().equals(ch.after().type())) {
                warnings.add(c.describe() + ": the type change may rewrite the table or fail on existing values");
            } else if (c instanceof SchemaChange.ColumnChanged ch && ch.before().nullable() && !ch.after().nullable()) {
                warnings.add(c.describe() + ": fails if the column holds NULLs; backfill first");
            }
        }
        return new GeneratedMigration(writer.write(forward), writer.write(SchemaDiff.between(desired, current)), warnings);
    }

    /**
     * A migration that turns the schema of {@code live} into the schema of {@code desired} (a reference database,
     * or a scratch database the migrations were applied to).
     */
    public GeneratedMigration generate(DataSource live, DataSource desired) {
        SchemaReader reader = SchemaReader.of(dialect);
        return generate(reader.read(live), reader.read(desired));
    }
}
