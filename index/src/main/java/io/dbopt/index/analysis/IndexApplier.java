package io.dbopt.index.analysis;

import io.dbopt.core.Capability;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.ApplyResult;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexErrorCode;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.index.ddl.IndexDdl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and drops indexes safely on one session: online DDL only, the session's lock timeout (and build time limit)
 * set for the statement and restored after, idempotent re-runs, and the INVALID index a failed concurrent build
 * leaves behind dropped before the error is reported.
  *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class IndexApplier {

    private static final Logger LOG = LoggerFactory.getLogger(IndexApplier.class);
    /** MariaDB: cannot drop an index needed in a foreign key constraint. */
    private static final int MARIADB_INDEX_NEEDED_BY_FK = 1553;

    private final Session session;
    private final Connection connection;
    private final Dialect dialect;
    private final IndexOptions options;

    public IndexApplier(Session session) {
        this.session = session;
        this.connection = session.connection();
        this.dialect = session.dialect();
        this.options = session.options();
    }

    public ApplyResult create(IndexDefinition requested) throws SQLException {
        long start = System.nanoTime();
        Catalog catalog = session.freshCatalog();
        TableName table = requested.table().inSchema(session.schema());
        if (catalog.table(table).isEmpty()) {
            throw new DbOptException(IndexErrorCode.NOT_FOUND, "Table " + table + " does not exist: check the name "
                    + "and the schema");
        }
        IndexDefinition index = requested.withTable(table);
        if (index.name().isEmpty()) {
            index = index.withName(catalog.names().choose(table, index.columns(), "idx"));
        }
        dialect.validateIdentifier(index.name());
        List<String> executed = new ArrayList<>();
        ApplyResult.Action action = ApplyResult.Action.CREATED;
        Optional<ExistingIndex> existing = find(catalog, table, index.name());
        if (existing.isPresent()) {
            ExistingIndex e = existing.get();
            if (e.valid() && e.sameAs(index, catalog.ignoreCase())) {
                return new ApplyResult(ApplyResult.Action.ALREADY_PRESENT, table, index.name(), List.of(),
                        elapsed(start));
            }
            if (!e.valid() && !e.buildInProgress() && dialect instanceof PostgresDialect) {
                LOG.info("index - {} on {} is INVALID (a failed build); dropping it before building again",
                        index.name(), table);
                executed.add(ddl(IndexDdl.dropOnline(dialect, table, index.name())));
                action = ApplyResult.Action.REBUILT_INVALID;
            } else {
                throw new DbOptException(IndexErrorCode.NAME_TAKEN, "An index named " + index.name() + " already "
                        + "exists on " + table + " with another definition" + (e.buildInProgress()
                        ? " (and is being built right now)" : "") + ": choose another name or drop it first");
            }
        } else if (catalog.nameTaken(table, index.name())) {
            throw new DbOptException(IndexErrorCode.NAME_TAKEN, "The name " + index.name() + " is taken by another "
                    + "object in " + table.schema() + ": choose another index name");
        }
        String create = IndexDdl.createOnline(dialect, index);
        try {
            executed.add(ddl(create));
        } catch (SQLException e) {
            throw buildFailed(index, e);
        }
        LOG.info("index - created {} on {} in {} ms", index.name(), table, elapsed(start).toMillis());
        return new ApplyResult(action, table, index.name(), executed, elapsed(start));
    }

    private DbOptException buildFailed(IndexDefinition index, SQLException cause) {
        ErrorKind kind = SqlErrors.classify(cause);
        String cleanup = "";
        if (dialect instanceof PostgresDialect) {
            try {
                Optional<ExistingIndex> left = find(session.freshCatalog(), index.table(), index.name());
                if (left.isPresent() && !left.get().valid() && !left.get().buildInProgress()) {
                    ddl(IndexDdl.dropOnline(dialect, index.table(), index.name()));
                    cleanup = "; the INVALID index the failed build left behind was dropped";
                }
            } catch (SQLException | RuntimeException cleanupFailure) {
                cause.addSuppressed(cleanupFailure);
                cleanup = "; dropping the INVALID index it left failed too: run dropInvalidIndexes()";
            }
        }
        IndexErrorCode code = kind == ErrorKind.LOCK_TIMEOUT ? IndexErrorCode.LOCK_TIMEOUT
                : IndexErrorCode.BUILD_FAILED;
        String advice = switch (kind) {
            case LOCK_TIMEOUT -> "a long transaction holds a lock on the table; retry when it ends, or raise "
                    + "IndexOptions.lockTimeout";
            case UNIQUE_VIOLATION -> "the table has duplicate values; remove them before building a unique index";
            case STATEMENT_TIMEOUT -> "the build ran longer than IndexOptions.buildTimeout; raise it";
            default -> kind.advice().orElse("see the cause");
        };
        return new DbOptException(code, "Building index " + index.name() + " on " + index.table() + " failed ("
                + kind + ", SQLState " + SqlErrors.sqlState(cause).orElse("none") + "): " + advice + cleanup, cause);
    }

    public ApplyResult drop(TableName requested, String name) throws SQLException {
        long start = System.nanoTime();
        TableName table = requested.inSchema(session.schema());
        Catalog catalog = session.freshCatalog();
        Optional<ExistingIndex> existing = find(catalog, table, name);
        if (existing.isEmpty()) {
            return new ApplyResult(ApplyResult.Action.ABSENT, table, name, List.of(), elapsed(start));
        }
        if (existing.get().constraintOwned() || existing.get().primary()) {
            throw new DbOptException(IndexErrorCode.CONSTRAINT_OWNED, "Index " + name + " on " + table
                    + " backs a constraint (primary key, unique or a foreign key's reference): drop the constraint "
                    + "if that is what you mean");
        }
        String drop = IndexDdl.dropOnline(dialect, table, name);
        try {
            ddl(drop);
        } catch (SQLException e) {
            if (SqlErrors.vendorCode(e).orElse(0) == MARIADB_INDEX_NEEDED_BY_FK) {
                throw new DbOptException(IndexErrorCode.CONSTRAINT_OWNED, "Index " + name + " on " + table
                        + " is the only index a foreign key can use: create another index that starts with the "
                        + "key's columns first", e);
            }
            ErrorKind kind = SqlErrors.classify(e);
            throw new DbOptException(kind == ErrorKind.LOCK_TIMEOUT ? IndexErrorCode.LOCK_TIMEOUT
                    : IndexErrorCode.BUILD_FAILED, "Dropping index " + name + " on " + table + " failed (" + kind
                    + "): " + kind.advice().orElse("see the cause"), e);
        }
        LOG.info("index - dropped {} on {}", name, table);
        return new ApplyResult(ApplyResult.Action.DROPPED, table, name, List.of(drop), elapsed(start));
    }

    public List<ApplyResult> dropInvalid() throws SQLException {
        if (!SqlResource.exists("index", dialect, "invalid")) {
            return List.of(); // MariaDB: a failed ALTER TABLE leaves nothing behind
        }
        record Invalid(TableName table, String index, boolean inProgress) {
        }
        List<Invalid> invalid = Jdbc.query(connection, options.statementTimeout(),
                SqlResource.load("index", dialect, "invalid"), rs -> new Invalid(TableName.of(
                        rs.getString("schema_name"), rs.getString("table_name")), rs.getString("index_name"),
                        rs.getBoolean("build_in_progress")), session.schema());
        List<ApplyResult> results = new ArrayList<>();
        for (Invalid i : invalid) {
            if (i.inProgress()) {
                LOG.info("index - leaving {} alone: a build is working on it", i.index());
                continue;
            }
            long start = System.nanoTime();
            String drop = ddl(IndexDdl.dropOnline(dialect, i.table(), i.index()));
            results.add(new ApplyResult(ApplyResult.Action.DROPPED, i.table(), i.index(), List.of(drop),
                    elapsed(start)));
        }
        return results;
    }

    public ApplyResult setIgnored(TableName requested, String name, boolean ignored) throws SQLException {
        dialect.require(Capability.IGNORED_INDEX, "hiding an index from the optimizer");
        long start = System.nanoTime();
        TableName table = requested.inSchema(session.schema());
        if (find(session.freshCatalog(), table, name).isEmpty()) {
            throw new DbOptException(IndexErrorCode.NOT_FOUND, "No index " + name + " on " + table);
        }
        String sql = ddl(IndexDdl.setIgnored(dialect, table, name, ignored));
        return new ApplyResult(ignored ? ApplyResult.Action.HIDDEN : ApplyResult.Action.SHOWN, table, name,
                List.of(sql), elapsed(start));
    }

    private static Optional<ExistingIndex> find(Catalog catalog, TableName table, String name) {
        return catalog.indexes(table).stream()
                .filter(i -> catalog.ignoreCase() ? i.name().equalsIgnoreCase(name) : i.name().equals(name))
                .findFirst();
    }

    /** Runs DDL in autocommit with the lock timeout and build time limit set, restoring the session after. */
    private String ddl(String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        SessionLimits saved = SessionLimits.apply(connection, dialect, options.lockTimeout(), options.buildTimeout());
        SQLException failure = null;
        try {
            Jdbc.execute(connection, sql);
            return sql;
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            try {
                saved.restore();
                connection.setAutoCommit(autoCommit);
            } catch (SQLException restoreFailure) {
                if (failure != null) {
                    failure.addSuppressed(restoreFailure);
                } else {
                    throw restoreFailure;
                }
            }
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
