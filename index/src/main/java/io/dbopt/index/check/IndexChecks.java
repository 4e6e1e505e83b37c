package io.dbopt.index.check;

import java.util.List;

/** The catalog checks dbopt ships, by the analyzer that runs them. */
public final class IndexChecks {

    private IndexChecks() {
    }

    /** The checks of {@link io.dbopt.index.IndexUsageAnalyzer}: indexes that cost more than they give. */
    public static List<IndexCheck> usage() {
        return List.of(new UnusedIndexCheck(), new RarelyUsedIndexCheck(), new DuplicateIndexCheck(),
                new RedundantIndexCheck(), new InvalidIndexCheck(), new BloatedIndexCheck(), new BooleanIndexCheck(),
                new ArrayBtreeIndexCheck());
    }

    /** The catalog checks of {@link io.dbopt.index.MissingIndexDetector}: indexes that should exist. */
    public static List<IndexCheck> missing() {
        return List.of(new ForeignKeyWithoutIndexCheck(), new HeavySeqScanCheck());
    }

    /** The checks behind a component health check: cheap catalog reads whose findings degrade the component. */
    public static List<IndexCheck> health() {
        return List.of(new InvalidIndexCheck());
    }

    /**
     * The schema checks: keys, constraints, sequences and column types that pg-index-health also examines, and
     * their MariaDB equivalents.
     */
    public static List<IndexCheck> schema() {
        return List.of(new NoPrimaryKeyCheck(), new NullValuesIndexCheck(), new ForeignKeyDuplicateCheck(),
                new ForeignKeyIntersectedCheck(), new ForeignKeyTypeMismatchCheck(), new NotValidConstraintCheck(),
                new SequenceOverflowCheck(), new JsonColumnCheck(), new SerialColumnCheck(),
                new DiscouragedTypeCheck(), new TimestampInMiddleCheck(), new UnnecessaryWhereCheck(),
                new NameOverflowCheck(), new TableShapeCheck(), new NonTransactionalEngineCheck(),
                new Utf8mb3ColumnCheck(), new IntersectedIndexCheck());
    }

    /**
     * Reads a JSON array of names as the catalog queries return column lists (names may hold any character).
     *
     * @throws java.sql.SQLException when the text is not a JSON array of strings
     */
    public static List<String> jsonStrings(String json) throws java.sql.SQLException {
        return CheckSupport.jsonStrings(json);
    }

    /** Every catalog check. */
    public static List<IndexCheck> all() {
        return java.util.stream.Stream.of(usage(), missing(), schema()).flatMap(List::stream).toList();
    }
}
