package io.dbopt.index;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.index.analysis.Catalog;
import io.dbopt.index.analysis.ExistingIndex;
import io.dbopt.index.analysis.IndexInstruments;
import io.dbopt.index.analysis.Session;
import io.dbopt.index.check.IndexChecks;
import io.dbopt.index.workload.ColumnPredicate;
import io.dbopt.index.workload.Placeholders;
import io.dbopt.index.workload.PredicateKind;
import io.dbopt.index.workload.QueryShape;
import io.dbopt.index.workload.TableAccess;
import io.dbopt.query.sql.StatementKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Finds indexes that should exist: foreign keys without a supporting index, tables read by heavy sequential scans
 * ({@link IndexChecks#missing()}), and filters of the workload no index can serve. Obtain one from
 * {@link IndexManager#missingIndexDetector()}. Thread-safe; every call borrows one connection and returns it.
 */
public final class MissingIndexDetector {

    private final DataSource dataSource;
    private final IndexOptions options;
    private final IndexInstruments instruments;

    MissingIndexDetector(DataSource dataSource, IndexOptions options, IndexInstruments instruments) {
        this.dataSource = dataSource;
        this.options = options;
        this.instruments = instruments;
    }

    /** The catalog checks only (foreign keys, sequential scans). */
    public List<Finding> detect() {
        return detect(Workload.empty());
    }

    /**
     * The catalog checks and {@code index.unserved-predicate} findings for the workload's statements.
     *
     * @throws io.dbopt.core.DbOptException when the catalog cannot be read
     */
    public List<Finding> detect(Workload workload) {
        return Session.analyse(dataSource, options, "detecting missing indexes", s -> {
            List<Finding> findings = new ArrayList<>(IndexUsageAnalyzer.run(s.checkContext(), IndexChecks.missing(),
                    instruments));
            findings.addAll(unserved(s.catalog(), workload));
            return findings;
        });
    }

    /** One finding per table and filter column set that no valid index starts with. */
    static List<Finding> unserved(Catalog catalog, Workload workload) {
        record Key(TableName table, Set<String> columns) {
        }
        Map<Key, long[]> calls = new LinkedHashMap<>();
        Map<Key, String> example = new LinkedHashMap<>();
        for (WorkloadEntry entry : workload.entries()) {
            Optional<QueryShape> shape = catalog.shape(entry.sql());
            if (shape.isEmpty() || shape.get().kind() == StatementKind.INSERT) {
                continue;
            }
            for (TableAccess access : shape.get().tables()) {
                Set<String> filters = new LinkedHashSet<>();
                for (ColumnPredicate p : access.predicates()) {
                    if (p.kind() != PredicateKind.JOIN && p.kind() != PredicateKind.PATTERN) {
                        filters.add(p.column());
                    }
                }
                if (filters.isEmpty() || catalog.rows(access.table()) < Catalog.UNSERVED_MIN_ROWS
                        || servedByAny(catalog, access, filters)) {
                    continue;
                }
                Key key = new Key(access.table(), filters);
                calls.computeIfAbsent(key, k -> new long[1])[0] += entry.calls();
                example.putIfAbsent(key, Placeholders.normalize(entry.sql(), catalog.dialect(), 160));
            }
        }
        List<Finding> findings = new ArrayList<>();
        calls.forEach((key, n) -> findings.add(Finding.builder("index.unserved-predicate", Severity.WARNING)
                .object(DbObject.table(key.table().quoted(catalog.dialect())))
                .message("Statements filter " + key.table().name() + " on (" + String.join(", ", key.columns())
                        + ") but no index starts with any of these columns, so each reads all "
                        + catalog.rows(key.table()) + " rows")
                .evidence("columns", String.join(", ", key.columns())).evidence("calls", n[0])
                .evidence("table_rows", catalog.rows(key.table())).evidence("statement", example.get(key))
                .fix(Fix.advice("see the index.recommended findings, or run IndexManager.recommend(workload)"))
                .build()));
        return findings;
    }

    private static boolean servedByAny(Catalog catalog, TableAccess access, Set<String> filters) {
        Set<String> wanted = new LinkedHashSet<>();
        filters.forEach(f -> wanted.add(f.toLowerCase(Locale.ROOT)));
        for (ExistingIndex index : catalog.indexes(access.table())) {
            if (index.valid() && index.predicate().isEmpty() && !index.keyColumns().isEmpty()
                    && wanted.contains(index.keyColumns().get(0).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
