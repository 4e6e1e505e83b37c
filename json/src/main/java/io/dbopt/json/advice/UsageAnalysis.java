package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.index.Workload;
import io.dbopt.index.WorkloadEntry;
import io.dbopt.json.Comparison;
import io.dbopt.json.JsonColumnUsage;
import io.dbopt.json.JsonOperator;
import io.dbopt.json.JsonPath;
import io.dbopt.json.JsonPredicate;
import io.dbopt.json.JsonUsage;
import io.dbopt.json.PathUsage;
import io.dbopt.json.workload.JsonPredicates;
import io.dbopt.query.sql.SqlAnalyzer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The JSON predicates of a workload placed on the catalog's columns: each statement's predicates with their table
 * resolved (an unqualified column of a join goes to the one table that has it), those on columns the catalog does not
 * know as JSON or text dropped; then per column the operators and paths with their executions, the most executed
 * paths measured on sampled rows. Immutable after {@link #of}.
 */
public final class UsageAnalysis {

    /** Paths measured per analysis at most, most executed first. */
    private static final int SAMPLED_PATHS = 20;

    /**
     * One predicate of one statement.
     *
     * @param statement the statement's position in the workload
     * @param predicate the predicate, table resolved
     * @param column the column
     */
    public record Occurrence(int statement, JsonPredicate predicate, JsonCatalog.Column column) {
    }

    private final List<WorkloadEntry> entries;
    private final List<Occurrence> occurrences;
    private final Map<String, PathSampler.Sample> samples;
    private final int hidden;

    private UsageAnalysis(List<WorkloadEntry> entries, List<Occurrence> occurrences,
                          Map<String, PathSampler.Sample> samples, int hidden) {
        this.entries = entries;
        this.occurrences = occurrences;
        this.samples = samples;
        this.hidden = hidden;
    }

    /** Analyses a workload on a connection (for sampling). */
    public static UsageAnalysis of(Workload workload, JsonCatalog catalog, Connection c, int sampleRows,
                                   Duration timeout) throws SQLException {
        Dialect dialect = catalog.dialect();
        List<WorkloadEntry> entries = workload.entries();
        List<Occurrence> occurrences = new ArrayList<>();
        int hidden = 0;
        for (int s = 0; s < entries.size(); s++) {
            String sql = entries.get(s).sql();
            if (!JsonPredicates.mayHold(sql)) {
                continue; // no JSON operator or function: JSqlParser would find no predicate
            }
            JsonPredicates.Reading reading = JsonPredicates.read(sql, dialect);
            if (reading.predicates().isEmpty()) {
                continue;
            }
            List<String> tables = List.copyOf(new LinkedHashSet<>(reading.tables().values()));
            for (JsonPredicate p : reading.predicates()) {
                List<String> owners = p.table().isEmpty() ? catalog.tablesWith(p.column(), tables)
                        : List.of(p.table());
                if (owners.size() != 1) {
                    continue;
                }
                var column = catalog.column(owners.get(0), p.column());
                if (column.isEmpty()) {
                    continue;
                }
                if (!p.path().known()) {
                    hidden++;
                }
                occurrences.add(new Occurrence(s, p.onTable(column.get().table()), column.get()));
            }
        }
        Map<String, PathSampler.Sample> samples = new LinkedHashMap<>();
        for (Occurrence o : topPaths(occurrences, entries)) {
            String key = sampleKey(o.column(), o.predicate().path());
            if (!samples.containsKey(key)) {
                samples.put(key, PathSampler.sample(c, dialect, o.column().table(), o.column().column(),
                        o.predicate().path(), null, sampleRows, timeout));
            }
        }
        return new UsageAnalysis(entries, occurrences, samples, hidden);
    }

    private static List<Occurrence> topPaths(List<Occurrence> occurrences, List<WorkloadEntry> entries) {
        return occurrences.stream().filter(o -> isPathComparison(o.predicate()) && o.predicate().path().known()
                        && o.predicate().path().keysOnly() && !o.predicate().path().steps().isEmpty())
                .sorted(Comparator.comparingLong((Occurrence o) -> -entries.get(o.statement()).calls()))
                .limit(SAMPLED_PATHS).toList();
    }

    /** Whether a predicate compares the value at a path ({@code ->>}, {@code JSON_VALUE}, ...). */
    public static boolean isPathComparison(JsonPredicate p) {
        return p.comparison() != Comparison.NONE && (p.operator() == JsonOperator.EXTRACT_TEXT
                || p.operator() == JsonOperator.EXTRACT || p.operator() == JsonOperator.JSON_VALUE
                || p.operator() == JsonOperator.JSON_EXTRACT);
    }

    private static String sampleKey(JsonCatalog.Column column, JsonPath path) {
        return column.table().toLowerCase(Locale.ROOT) + "." + column.column().toLowerCase(Locale.ROOT) + " " + path;
    }

    /** Every predicate found. */
    public List<Occurrence> occurrences() {
        return occurrences;
    }

    /** The workload's statements. */
    public List<WorkloadEntry> entries() {
        return entries;
    }

    /** The sample of a path, if it was measured. */
    public java.util.Optional<PathSampler.Sample> sample(JsonCatalog.Column column, JsonPath path) {
        return java.util.Optional.ofNullable(samples.get(sampleKey(column, path)));
    }

    /** The usage report. */
    public JsonUsage usage(Dialect dialect) {
        Map<String, List<Occurrence>> byColumn = new LinkedHashMap<>();
        for (Occurrence o : occurrences) {
            byColumn.computeIfAbsent(o.column().table() + "\u0000" + o.column().column(), k -> new ArrayList<>())
                    .add(o);
        }
        List<JsonColumnUsage> columns = new ArrayList<>();
        for (List<Occurrence> list : byColumn.values()) {
            columns.add(columnUsage(list, dialect));
        }
        columns.sort(Comparator.comparingLong(u -> -u.calls()));
        int withJson = (int) occurrences.stream().mapToInt(Occurrence::statement).distinct().count();
        return new JsonUsage(columns, entries.size(), withJson, hidden);
    }

    private JsonColumnUsage columnUsage(List<Occurrence> list, Dialect dialect) {
        JsonCatalog.Column column = list.get(0).column();
        Map<JsonOperator, Long> operators = new EnumMap<>(JsonOperator.class);
        Set<Integer> statements = new LinkedHashSet<>();
        Set<String> counted = new java.util.HashSet<>();
        Map<String, List<Occurrence>> byPath = new LinkedHashMap<>();
        for (Occurrence o : list) {
            statements.add(o.statement());
            if (counted.add(o.statement() + " " + o.predicate().operator())) {
                operators.merge(o.predicate().operator(), entries.get(o.statement()).calls(), Long::sum);
            }
            if (isPathComparison(o.predicate())) {
                byPath.computeIfAbsent(o.predicate().operator() + " " + o.predicate().path() + " "
                        + o.predicate().cast(), k -> new ArrayList<>()).add(o);
            }
        }
        long calls = statements.stream().mapToLong(s -> entries.get(s).calls()).sum();
        List<PathUsage> paths = new ArrayList<>();
        for (List<Occurrence> group : byPath.values()) {
            JsonPredicate first = group.get(0).predicate();
            Set<Comparison> comparisons = EnumSet.noneOf(Comparison.class);
            group.forEach(o -> comparisons.add(o.predicate().comparison()));
            long pathCalls = group.stream().mapToInt(Occurrence::statement).distinct()
                    .mapToLong(s -> entries.get(s).calls()).sum();
            var sample = sample(column, first.path());
            paths.add(new PathUsage(first.path(), first.operator(), comparisons, first.cast(), pathCalls,
                    group.stream().anyMatch(o -> o.predicate().literal().isPresent()),
                    sample.map(x -> OptionalLong.of(x.distinct())).orElse(OptionalLong.empty()),
                    sample.map(PathSampler.Sample::presentShare).orElse(OptionalDouble.empty())));
        }
        paths.sort(Comparator.comparingLong(p -> -p.calls()));
        SqlAnalyzer analyzer = SqlAnalyzer.forDialect(dialect);
        List<String> texts = statements.stream().sorted(Comparator.comparingLong(s -> -entries.get(s).calls()))
                .map(s -> analyzer.fingerprint(entries.get(s).sql())).toList();
        return new JsonColumnUsage(column.table(), column.column(), column.type(), column.tableRows(), calls,
                operators, paths, texts);
    }
}
