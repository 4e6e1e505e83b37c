package io.dbopt.json.advice;

import io.dbopt.core.PostgresDialect;
import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexKey;
import io.dbopt.index.IndexMethod;
import io.dbopt.index.TableName;
import io.dbopt.index.Workload;
import io.dbopt.index.spi.CandidateRequest;
import io.dbopt.index.spi.CandidateSource;
import io.dbopt.index.spi.ExtraCandidate;
import io.dbopt.json.JsonIndexCandidate;
import io.dbopt.json.JsonKeys;
import io.dbopt.core.config.DbOptConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dbopt-json's index candidates for dbopt-index's recommender (registered in
 * {@code META-INF/services/io.dbopt.index.spi.CandidateSource}): GIN, path-expression and partial indexes for the
 * workload's JSON predicates on PostgreSQL, each costed there by the same what-if engine as every other candidate.
 * MariaDB's candidates (generated columns) cannot be costed before the column exists and are not offered; the
 * JSON findings carry them. Stateless.
 */
public final class JsonCandidateSource implements CandidateSource {

    /** For {@link java.util.ServiceLoader}. */
    public JsonCandidateSource() {
        // stateless
    }

    @Override
    public List<ExtraCandidate> candidates(CandidateRequest request) throws SQLException {
        if (!(request.dialect() instanceof PostgresDialect)) {
            return List.of();
        }
        JsonCatalog columns = JsonCatalog.columns(request.connection(), request.dialect(),
                request.statementTimeout());
        Workload workload = new Workload(request.statements());
        int sampleRows = DbOptConfig.empty().get(JsonKeys.SAMPLE_ROWS);
        UsageAnalysis analysis = UsageAnalysis.of(workload, columns, request.connection(), sampleRows,
                request.statementTimeout());
        JsonCatalog catalog = columns.forAnalysis(analysis, request.connection(), request.statementTimeout());
        List<ExtraCandidate> out = new ArrayList<>();
        for (JsonIndexCandidate c : CandidateBuilder.build(analysis, catalog)) {
            definition(c, request.schema()).ifPresent(d -> out.add(new ExtraCandidate(d, c.servedStatements(),
                    "dbopt-json: " + c.reason())));
        }
        return out;
    }

    /** The index module's form of a candidate; empty for shapes it cannot express (LIKE operator classes). */
    static Optional<IndexDefinition> definition(JsonIndexCandidate c, String schema) {
        IndexDefinition.Builder b = IndexDefinition.on(TableName.of(schema, c.table())).name(c.name());
        switch (c.kind()) {
            case GIN -> b.columns(c.column()).method(IndexMethod.GIN);
            case GIN_PATH_OPS -> b.columns(c.column()).method(IndexMethod.GIN_JSONB_PATH);
            case EXPRESSION, PARTIAL -> {
                String key = c.key();
                if (!key.startsWith("((") || !key.endsWith("))")) {
                    return Optional.empty();
                }
                b.columns(IndexKey.sql(key.substring(1, key.length() - 1)));
                if (!c.predicate().isEmpty()) {
                    b.where(c.predicate());
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(b.build());
    }
}
