package io.dbopt.index.whatif;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
import io.dbopt.index.WhatIfMethod;
import io.dbopt.index.ddl.IndexDdl;
import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.Placeholders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL what-if costing. Statements with {@code $n} parameters are planned as generic plans ({@code PREPARE}
 * under {@code plan_cache_mode = force_generic_plan}, then {@code EXPLAIN EXECUTE} with NULLs, which the generic plan
 * does not look at). B-tree candidates are costed with HypoPG when it is installed; GIN candidates, and B-trees
 * without HypoPG, by building the index inside a transaction that is rolled back. Each evaluation runs in its own
 * transaction, with every statement under a savepoint so one that cannot be planned does not spoil the rest.
 */
final class PostgresWhatIf implements WhatIfEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresWhatIf.class);

    private final Connection connection;
    private final Dialect dialect;
    private final IndexOptions options;
    private final ColumnStatistics statistics;
    private final boolean hypoPg;
    private final boolean hypoPgHide;
    private final boolean autoCommit;
    private int prepared;

    PostgresWhatIf(Connection connection, Dialect dialect, IndexOptions options, ColumnStatistics statistics,
                   boolean hypoPg, boolean hypoPgHide) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.options = options;
        this.statistics = statistics;
        this.hypoPg = hypoPg;
        this.hypoPgHide = hypoPgHide;
        this.autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
    }

    @Override
    public WhatIfMethod method() {
        if (hypoPg) {
            return WhatIfMethod.HYPOPG;
        }
        return options.allowTrial() ? WhatIfMethod.TRANSACTIONAL_TRIAL : WhatIfMethod.NONE;
    }

    @Override
    public Optional<Explainable> prepare(String sql, QueryShape shape) {
        String text = sql.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        if (Placeholders.hasStatementSeparator(text, dialect)) {
            return Optional.empty(); // more than one statement: never sent to EXPLAIN
        }
        if (Placeholders.dollarParameterCount(text, dialect) == 0) {
            // JDBC text: ? are values, ?? is jsonb's ? (also in text whose only question marks are such operators)
            text = Placeholders.questionMarksToDollars(text, dialect);
        }
        return Optional.of(new Explainable(text, Placeholders.dollarParameterCount(text, dialect), shape));
    }

    @Override
    public List<Double> costs(List<Explainable> statements) throws SQLException {
        return inTransaction(() -> explainAll(statements));
    }

    @Override
    public Evaluation withIndexes(List<IndexDefinition> indexes, List<Explainable> statements) throws SQLException {
        boolean allBtree = indexes.stream().allMatch(i -> i.method() == IndexMethod.BTREE);
        if (hypoPg && allBtree) {
            return inTransaction(() -> hypothetical(indexes, statements));
        }
        Optional<String> refusal = trialRefusal(indexes.stream().map(IndexDefinition::table).distinct().toList());
        if (refusal.isPresent()) {
            return Evaluation.unavailable(statements.size(), refusal.get());
        }
        return inTransaction(() -> trial(indexes, statements));
    }

    @Override
    public Evaluation withoutIndex(TableName table, String index, List<Explainable> statements) throws SQLException {
        if (hypoPgHide) {
            return inTransaction(() -> {
                try {
                    Jdbc.query(connection, "SELECT hypopg_hide_index(c.oid) FROM pg_catalog.pg_class c "
                            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = ? AND c.relname = ?", rs -> rs.getBoolean(1), table.schema(), index);
                    return new Evaluation(WhatIfMethod.HYPOPG, explainAll(statements), 0, "");
                } finally {
                    Jdbc.query(connection, "SELECT hypopg_unhide_all_indexes()", rs -> rs.getBoolean(1));
                }
            });
        }
        if (!options.allowTrial()) {
            return Evaluation.unavailable(statements.size(), "HypoPG 1.4+ is not installed and the transactional "
                    + "trial is disabled");
        }
        return inTransaction(() -> {
            Jdbc.execute(connection, "SET LOCAL lock_timeout = " + options.lockTimeout().toMillis());
            Savepoint drop = connection.setSavepoint();
            try {
                Jdbc.execute(connection, IndexDdl.dropInTransaction(dialect, table, index));
            } catch (SQLException e) {
                connection.rollback(drop);
                return Evaluation.unavailable(statements.size(), "cannot drop " + index + " in a trial ("
                        + io.dbopt.core.SqlErrors.classify(e) + ")");
            }
            return new Evaluation(WhatIfMethod.TRANSACTIONAL_TRIAL, explainAll(statements), 0, "");
        });
    }

    private Evaluation hypothetical(List<IndexDefinition> indexes, List<Explainable> statements) throws SQLException {
        List<Long> oids = new ArrayList<>();
        try {
            long size = 0;
            for (IndexDefinition index : indexes) {
                long oid = Jdbc.queryFirst(connection, "SELECT indexrelid FROM hypopg_create_index(?)",
                        rs -> rs.getLong(1), IndexDdl.hypothetical(dialect, index)).orElseThrow(
                            () -> new SQLException("hypopg_create_index returned no row"));
                oids.add(oid);
                size += Jdbc.queryFirst(connection, "SELECT hypopg_relation_size(?::oid)", rs -> rs.getLong(1), oid)
                        .orElse(0L);
            }
            return new Evaluation(WhatIfMethod.HYPOPG, explainAll(statements), size, "");
        } finally {
            for (long oid : oids) {
                Jdbc.query(connection, "SELECT hypopg_drop_index(?::oid)", rs -> rs.getBoolean(1), oid);
            }
        }
    }

    private Evaluation trial(List<IndexDefinition> indexes, List<Explainable> statements) throws SQLException {
        Jdbc.execute(connection, "SET LOCAL lock_timeout = " + options.lockTimeout().toMillis());
        long size = 0;
        for (IndexDefinition index : indexes) {
            String name = "dbopt_trial_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
            Savepoint build = connection.setSavepoint();
            try {
                Jdbc.execute(connection, IndexDdl.createInTransaction(dialect, index.withName(name)));
            } catch (SQLException e) {
                connection.rollback(build);
                return Evaluation.unavailable(statements.size(), "trial build on " + index.table() + " failed ("
                        + io.dbopt.core.SqlErrors.classify(e) + ")");
            }
            size += Jdbc.queryFirst(connection, "SELECT pg_relation_size(c.oid) FROM pg_catalog.pg_class c "
                    + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? "
                    + "AND c.relname = ?", rs -> rs.getLong(1), index.table().schema(), name).orElse(0L);
        }
        return new Evaluation(WhatIfMethod.TRANSACTIONAL_TRIAL, explainAll(statements), size, "");
    }

    private Optional<String> trialRefusal(List<TableName> tables) {
        if (!options.allowTrial()) {
            return Optional.of("HypoPG is not installed and the transactional trial is disabled");
        }
        for (TableName table : tables) {
            long bytes = statistics.tableBytes(table);
            if (bytes > options.trialMaxTableBytes()) {
                return Optional.of("table " + table + " (" + bytes + " bytes) is larger than trialMaxTableBytes ("
                        + options.trialMaxTableBytes() + "); install HypoPG to validate indexes on it");
            }
        }
        return Optional.empty();
    }

    private List<Double> explainAll(List<Explainable> statements) throws SQLException {
        List<Double> costs = new ArrayList<>(statements.size());
        for (Explainable statement : statements) {
            costs.add(explain(statement));
        }
        return costs;
    }

    private double explain(Explainable statement) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        String name = null;
        try {
            double cost;
            String text = jdbcEscaped(statement.sql());
            if (statement.parameterCount() == 0) {
                cost = explainText("EXPLAIN (FORMAT JSON) " + text);
            } else {
                name = "dbopt_whatif_" + (++prepared);
                try (PreparedStatement ps = connection.prepareStatement("PREPARE " + name + " AS " + text)) {
                    ps.execute();
                }
                cost = explainText("EXPLAIN (FORMAT JSON) EXECUTE " + name + "("
                        + String.join(", ", java.util.Collections.nCopies(statement.parameterCount(), "NULL")) + ")");
            }
            connection.releaseSavepoint(savepoint);
            return cost;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            LOG.debug("index - cannot explain a workload statement ({}, SQLState {}): {}",
                    io.dbopt.core.SqlErrors.classify(e), e.getSQLState(),
                    Placeholders.normalize(statement.sql(), dialect, 120));
            return Double.NaN;
        } finally {
            if (name != null) {
                deallocate(name);
            }
        }
    }

    private void deallocate(String name) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Jdbc.execute(connection, "DEALLOCATE " + name);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint); // PREPARE failed, so there is nothing to deallocate
        }
    }

    private double explainText(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("EXPLAIN returned no row");
            }
            return PlanJson.postgresTotalCost(rs.getString(1));
        }
    }

    /** pgjdbc reads {@code ?} in prepared text as a placeholder; jsonb's {@code ?} operators must be doubled. */
    private String jdbcEscaped(String sql) {
        return Placeholders.escapeQuestionMarks(sql, dialect);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try {
            Jdbc.execute(connection, "SET LOCAL plan_cache_mode = force_generic_plan");
            Jdbc.execute(connection, "SET LOCAL statement_timeout = " + options.statementTimeout().toMillis());
            return work.run();
        } finally {
            connection.rollback();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        try {
            if (hypoPg) {
                Jdbc.query(connection, "SELECT hypopg_reset()", rs -> rs.getObject(1));
            }
            connection.rollback();
        } catch (SQLException e) {
            failure = e;
        }
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
