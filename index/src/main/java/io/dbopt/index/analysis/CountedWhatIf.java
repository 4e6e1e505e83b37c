package io.dbopt.index.analysis;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import io.dbopt.index.WhatIfMethod;
import io.dbopt.index.whatif.Evaluation;
import io.dbopt.index.whatif.Explainable;
import io.dbopt.index.whatif.WhatIfEngine;
import io.dbopt.index.workload.QueryShape;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** A what-if engine that counts each hypothetical index set it costs in the manager's instruments. Not thread-safe. */
final class CountedWhatIf implements WhatIfEngine {

    private final WhatIfEngine engine;
    private final IndexInstruments instruments;

    CountedWhatIf(WhatIfEngine engine, IndexInstruments instruments) {
        this.engine = engine;
        this.instruments = instruments;
    }

    @Override
    public WhatIfMethod method() {
        return engine.method();
    }

    @Override
    public Optional<Explainable> prepare(String sql, QueryShape shape) throws SQLException {
        return engine.prepare(sql, shape);
    }

    @Override
    public List<Double> costs(List<Explainable> statements) throws SQLException {
        return engine.costs(statements);
    }

    @Override
    public Evaluation withIndexes(List<IndexDefinition> indexes, List<Explainable> statements) throws SQLException {
        instruments.whatIf(engine.method());
        return engine.withIndexes(indexes, statements);
    }

    @Override
    public Evaluation withoutIndex(TableName table, String index, List<Explainable> statements) throws SQLException {
        instruments.whatIf(engine.method());
        return engine.withoutIndex(table, index, statements);
    }

    @Override
    public void close() throws SQLException {
        engine.close();
    }
}
