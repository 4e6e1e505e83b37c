package io.dbopt.migration.verify;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.ConstraintSchema;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Validates constraints added {@code NOT VALID} safely (PostgreSQL): it first counts the violating rows with a
 * plain query, and only when there are none runs {@code ALTER TABLE ... VALIDATE CONSTRAINT} with a lock timeout,
 * one constraint at a time; VALIDATE takes a SHARE UPDATE EXCLUSIVE lock, so writes continue. On MariaDB, where
 * every constraint is enforced, it finds existing rows that violate foreign keys or checks anyway (loaded with
 * checks off). Immutable and thread-safe.
 */
public final class ConstraintValidator {

    private final DataSource dataSource;
    private final Dialect dialect;

    private ConstraintValidator(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** A validator for a database; detects its dialect. */
    public static ConstraintValidator of(DataSource dataSource) {
        return new ConstraintValidator(Objects.requireNonNull(dataSource, "dataSource"),
                DatabaseInfo.detect(dataSource).dialect());
    }

    /** Checks without changing anything: NOT VALID constraints on PostgreSQL, every FK and check on MariaDB. */
    public List<ConstraintCheck> check() {
        return run(Optional.empty());
    }

    /**
     * Validates every NOT VALID constraint that no row violates, waiting at most {@code lockTimeout} for its lock.
     * On MariaDB this is the same as {@link #check()}.
     */
    public List<ConstraintCheck> validate(Duration lockTimeout) {
        return run(Optional.of(lockTimeout));
    }

    private List<ConstraintCheck> run(Optional<Duration> lockTimeout) {
        boolean postgres = dialect instanceof PostgresDialect;
        return Jdbc.withConnection(dataSource, "validating constraints", c -> {
            SchemaSnapshot schema = SchemaReader.of(dialect).read(c);
            List<ConstraintCheck> checks = new ArrayList<>();
            for (TableSchema t : schema.tables()) {
                for (ConstraintSchema k : t.constraints()) {
                    boolean candidate = k.type() == ConstraintSchema.Type.FOREIGN_KEY
                            || k.type() == ConstraintSchema.Type.CHECK;
                    if (!candidate || postgres && k.validated()) {
                        continue;
                    }
                    long violations = violations(c, t.name(), k);
                    if (violations > 0) {
                        checks.add(new ConstraintCheck(t.name(), k.name(), violations, postgres
                                ? ConstraintCheck.Status.VIOLATED : ConstraintCheck.Status.VIOLATED_ENFORCED,
                                Optional.empty()));
                    } else if (postgres) {
                        checks.add(lockTimeout.isPresent() ? validateOne(c, t.name(), k.name(), lockTimeout.get())
                                : new ConstraintCheck(t.name(), k.name(), 0, ConstraintCheck.Status.VALIDATABLE,
                                Optional.empty()));
                    }
                }
            }
            return checks;
        });
    }

    private long violations(Connection c, String table, ConstraintSchema k) throws SQLException {
        String sql = k.type() == ConstraintSchema.Type.FOREIGN_KEY ? DataIntegrityChecker.orphanQuery(dialect, table, k)
                // the check's expression is the server's own text from the catalog
                : "SELECT count(*) FROM " + dialect.quote(table) + " WHERE NOT (" + k.checkExpression().orElse("true") + ")";
        return Jdbc.queryFirst(c, sql, rs -> rs.getLong(1)).orElse(0L);
    }

    private ConstraintCheck validateOne(Connection c, String table, String constraint, Duration lockTimeout)
            throws SQLException {
        Jdbc.queryFirst(c, "SELECT set_config('lock_timeout', ?, false)", rs -> rs.getString(1),
                lockTimeout.toMillis() + "ms");
        try {
            Jdbc.execute(c, "ALTER TABLE " + dialect.quote(table) + " VALIDATE CONSTRAINT " + dialect.quote(constraint));
            return new ConstraintCheck(table, constraint, 0, ConstraintCheck.Status.VALIDATED, Optional.empty());
        } catch (SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            return new ConstraintCheck(table, constraint, 0, ConstraintCheck.Status.FAILED,
                    Optional.of(kind + " (SQLState " + SqlErrors.sqlState(e).orElse("none") + ")"));
        } finally {
            Jdbc.queryFirst(c, "SELECT set_config('lock_timeout', '0', false)", rs -> rs.getString(1));
        }
    }
}
