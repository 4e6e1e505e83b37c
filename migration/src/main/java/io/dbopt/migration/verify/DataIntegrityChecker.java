package io.dbopt.migration.verify;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.ColumnSchema;
import io.dbopt.migration.schema.ConstraintSchema;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Checks a migration did not damage data: row counts and order-independent checksums of chosen tables before and
 * after ({@code migration.data-changed}), and rows whose foreign key points nowhere ({@code migration.orphaned-rows}:
 * left by a {@code NOT VALID} constraint, a MariaDB load with {@code foreign_key_checks=0}, or a faulty backfill).
 * NOT NULL and uniqueness expectations are rules of {@link io.dbopt.migration.data.DataValidation}. Every name is
 * quoted by the dialect; no value is concatenated. Immutable and thread-safe.
 */
public final class DataIntegrityChecker {

    /** The time limit of each checksum and orphan query unless another is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration timeout;

    private DataIntegrityChecker(DataSource dataSource, Dialect dialect, Duration timeout) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.timeout = timeout;
    }

    /** A checker for a database whose queries each run for at most {@link #DEFAULT_TIMEOUT}; detects its dialect. */
    public static DataIntegrityChecker of(DataSource dataSource) {
        return of(dataSource, DEFAULT_TIMEOUT);
    }

    /**
     * A checker whose full-table checksums and orphan queries each run for at most {@code timeout} (whole seconds,
     * at least one): a table locked by another session or too large fails with a statement timeout instead of
     * waiting without end.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public static DataIntegrityChecker of(DataSource dataSource, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The data integrity timeout must be positive, was " + timeout);
        }
        return new DataIntegrityChecker(Objects.requireNonNull(dataSource, "dataSource"),
                DatabaseInfo.detect(dataSource).dialect(), timeout);
    }

    /**
     * Row count and checksum of each table, in the given order.
     *
     * @throws io.dbopt.core.InvalidIdentifierException for a name the server cannot hold
     * @throws IllegalArgumentException naming the table when it does not exist
     */
    public List<TableFingerprint> fingerprint(String... tables) {
        return Jdbc.withConnection(dataSource, "fingerprinting tables", c -> {
            SchemaSnapshot schema = SchemaReader.of(dialect).read(c);
            List<TableFingerprint> result = new ArrayList<>();
            for (String table : tables) {
                TableSchema t = schema.table(table).orElseThrow(() -> new IllegalArgumentException("Table " + table
                        + " does not exist in " + schema.schema() + ": check the name"));
                result.add(fingerprint(c, t));
            }
            return result;
        });
    }

    private TableFingerprint fingerprint(Connection c, TableSchema t) throws SQLException {
        String sql;
        if (dialect instanceof PostgresDialect) {
            sql = "SELECT count(*), coalesce(sum(hashtext(r::text)::bigint), 0)::text FROM " + dialect.quote(t.name())
                    + " r";
        } else {
            String columns = t.columns().stream().map(ColumnSchema::name)
                    .map(n -> "COALESCE(CAST(" + dialect.quote(n) + " AS CHAR), CHAR(0))").collect(Collectors.joining(", "));
            sql = "SELECT COUNT(*), CAST(COALESCE(SUM(CRC32(CONCAT_WS('|', " + columns + "))), 0) AS CHAR) FROM "
                    + dialect.quote(t.name());
        }
        return Jdbc.query(c, timeout, sql, rs -> new TableFingerprint(t.name(), rs.getLong(1), rs.getString(2)))
                .stream().findFirst().orElse(new TableFingerprint(t.name(), 0, "0"));
    }

    /** Findings for every table whose fingerprint changed between the two lists. */
    public List<Finding> compare(List<TableFingerprint> before, List<TableFingerprint> after) {
        Map<String, TableFingerprint> now = after.stream().collect(Collectors.toMap(TableFingerprint::table,
                Function.identity()));
        List<Finding> findings = new ArrayList<>();
        for (TableFingerprint b : before) {
            TableFingerprint a = now.get(b.table());
            if (a == null) {
                continue;
            }
            if (a.rows() != b.rows() || !a.checksum().equals(b.checksum())) {
                findings.add(Finding.builder("migration.data-changed", Severity.ERROR).object(DbObject.table(b.table()))
                        .message("Data of " + b.table() + " changed: " + b.rows() + " rows before, " + a.rows()
                                + " after" + (a.rows() == b.rows() ? ", contents differ" : ""))
                        .evidence("rows_before", b.rows()).evidence("rows_after", a.rows())
                        .fix(Fix.advice("check the migration's data statements; restore from backup if unintended"))
                        .build());
            }
        }
        return findings;
    }

    /** One finding per foreign key with referencing rows whose referenced row does not exist. */
    public List<Finding> orphans() {
        return Jdbc.withConnection(dataSource, "looking for orphaned rows", c -> {
            SchemaSnapshot schema = SchemaReader.of(dialect).read(c);
            List<Finding> findings = new ArrayList<>();
            for (TableSchema t : schema.tables()) {
                for (ConstraintSchema fk : t.constraints()) {
                    if (fk.type() != ConstraintSchema.Type.FOREIGN_KEY) {
                        continue;
                    }
                    long orphans = Jdbc.query(c, timeout, orphanQuery(dialect, t.name(), fk), rs -> rs.getLong(1))
                            .stream().findFirst().orElse(0L);
                    if (orphans > 0) {
                        findings.add(Finding.builder("migration.orphaned-rows", Severity.ERROR)
                                .object(DbObject.of(ObjectType.CONSTRAINT, fk.name()))
                                .message(orphans + " rows of " + t.name() + " reference missing rows of "
                                        + fk.referencedTable().orElse("?") + " through " + fk.name())
                                .evidence("orphaned_rows", orphans)
                                .fix(Fix.advice("delete or repair the orphaned rows, then validate the constraint"))
                                .build());
                    }
                }
            }
            return findings;
        });
    }

    /** The count of rows of {@code table} that a foreign key's referenced table does not have. */
    static String orphanQuery(Dialect dialect, String table, ConstraintSchema fk) {
        List<String> notNull = new ArrayList<>();
        List<String> join = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            String child = "c." + dialect.quote(fk.columns().get(i));
            notNull.add(child + " IS NOT NULL");
            join.add("p." + dialect.quote(fk.referencedColumns().get(i)) + " = " + child);
        }
        return "SELECT count(*) FROM " + dialect.quote(table) + " c WHERE " + String.join(" AND ", notNull)
                + " AND NOT EXISTS (SELECT 1 FROM " + dialect.quote(fk.referencedTable().orElseThrow()) + " p WHERE "
                + String.join(" AND ", join) + ")";
    }
}
