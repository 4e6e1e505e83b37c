package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.github.mfvanek.pg.connection.PgConnection;
import io.github.mfvanek.pg.connection.PgConnectionImpl;
import io.github.mfvanek.pg.connection.host.PgHostImpl;
import io.github.mfvanek.pg.core.checks.common.DatabaseCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.StandardChecksOnHost;
import io.github.mfvanek.pg.core.fixtures.support.DatabasePopulator;
import io.github.mfvanek.pg.core.fixtures.support.PeerSchemas;
import io.github.mfvanek.pg.model.context.PgContext;
import io.github.mfvanek.pg.model.dbobject.DbObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dbopt and pg-index-health side by side on pg-index-health's own planted schemas (its {@code DatabasePopulator}, one
 * schema per planted mistake on top of its clients/accounts tables with references and data): every object a
 * pg-index-health diagnostic reports has a dbopt finding of the mapped check, except the diagnostics dbopt leaves
 * out on purpose ({@link #NOT_COVERED}); and every SQL fix dbopt emits there runs.
 */
@DbTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PgIndexHealthSideBySideIT {

    private static final Logger LOG = LoggerFactory.getLogger(PgIndexHealthSideBySideIT.class);

    /** pg-index-health diagnostic -> the dbopt checks that cover it. */
    static final Map<String, Set<String>> MAPPING = new LinkedHashMap<>();

    /** Diagnostics dbopt leaves out on purpose, and why (docs/index.md repeats this). */
    static final Map<String, String> NOT_COVERED = Map.of(
            "tables_without_description", "descriptions are documentation, not database health",
            "columns_without_description", "descriptions are documentation, not database health",
            "functions_without_description", "descriptions are documentation, not database health",
            "objects_not_following_naming_convention", "naming conventions are a team's choice",
            "columns_not_following_naming_convention", "naming conventions are a team's choice",
            "tables_not_linked_to_others", "lookup and log tables are fine alone",
            "primary_keys_that_most_likely_natural_keys", "a heuristic on column names and types",
            "bloated_tables", "table bloat is VACUUM's domain; dbopt-health watches dead tuples",
            "tables_with_missing_indexes", "dbopt's index.seq-scan-heavy and workload advice use other thresholds");

    static {
        map("duplicated_indexes", "index.duplicate");
        map("intersected_indexes", "index.redundant", "index.intersected");
        map("foreign_keys_without_index", "index.fk-without-index");
        map("indexes_with_null_values", "index.null-values");
        map("invalid_indexes", "index.invalid");
        map("tables_without_primary_key", "index.no-primary-key");
        map("unused_indexes", "index.unused", "index.rarely-used");
        map("bloated_indexes", "index.bloated");
        map("columns_with_json_type", "index.json-column");
        map("columns_with_serial_types", "index.serial-column");
        map("primary_keys_with_serial_types", "index.serial-column");
        map("indexes_with_boolean", "index.boolean");
        map("not_valid_constraints", "index.not-valid-constraint");
        map("btree_indexes_on_array_columns", "index.array-btree");
        map("sequence_overflow", "index.sequence-overflow");
        map("duplicated_foreign_keys", "index.fk-duplicate");
        map("intersected_foreign_keys", "index.fk-intersected");
        map("possible_object_name_overflow", "index.name-overflow");
        map("foreign_keys_with_unmatched_column_type", "index.fk-type-mismatch");
        map("tables_with_zero_or_one_column", "index.table-shape");
        map("primary_keys_with_varchar", "index.table-shape");
        map("columns_with_fixed_length_varchar", "index.discouraged-type");
        map("indexes_with_unnecessary_where_clause", "index.unnecessary-where");
        map("columns_with_money_type", "index.discouraged-type");
        map("indexes_with_timestamp_in_the_middle", "index.timestamp-in-middle");
        map("columns_with_timestamp_or_timetz_type", "index.discouraged-type");
        map("tables_where_primary_key_columns_not_first", "index.table-shape");
        map("tables_where_all_columns_nullable_except_pk", "index.table-shape");
        map("columns_with_char_type", "index.discouraged-type");
        map("tables_with_inheritance", "index.table-shape");
    }

    private static void map(String diagnostic, String... checks) {
        MAPPING.put(diagnostic, Set.of(checks));
    }

    /**
     * The planted schemas: the populator chains pg-index-health's own tests use (those its 0.31.0 fixtures have),
     * then each planting no chain uses, on the base tables with references and data.
     */
    private static final List<String> CHAINS = List.of(
            "withCheckConstraintOnSerialPrimaryKey withEmptyTable",
            "withEmptyTable withBadlyNamedObjects withData",
            "withFunctions withBlankCommentOnFunctions",
            "withFunctions withCommentOnFunctions",
            "withMaterializedView withBadlyNamedObjects",
            "withNotValidConstraints withUniqueConstraintOnSerialColumn withBadlyNamedObjects",
            "withProcedures withCommentOnProcedures",
            "withReferences withBadlyNamedObjects",
            "withReferences withBlankCommentOnColumns",
            "withReferences withBlankCommentOnTables",
            "withReferences withBooleanValuesInIndex",
            "withReferences withCustomCollation withDuplicatedCustomCollationIndex",
            "withReferences withData",
            "withReferences withData withBtreeIndexesOnArrayColumn",
            "withReferences withData withCommentOnColumns withCommentOnTables",
            "withReferences withData withDuplicatedHashIndex",
            "withReferences withData withDuplicatedIndex",
            "withReferences withData withIdentityPrimaryKey",
            "withReferences withData withInvalidIndex",
            "withReferences withData withJsonType",
            "withReferences withData withNullValuesInIndex",
            "withReferences withData withSerialType withBadlyNamedObjects",
            "withReferences withDifferentOpclassIndexes",
            "withReferences withDroppedInfoColumn",
            "withReferences withDuplicatedHashIndex",
            "withReferences withDuplicatedIndex",
            "withReferences withForeignKeyOnNullableColumn",
            "withReferences withForeignKeyOnNullableColumn withDuplicatedForeignKeys",
            "withReferences withForeignKeyOnNullableColumn withIntersectedForeignKeys",
            "withReferences withJsonType withDroppedInfoColumn",
            "withReferences withMaterializedView",
            "withReferences withMaterializedView withIdentityPrimaryKey",
            "withReferences withMaterializedView withTableWithoutPrimaryKey",
            "withReferences withNonSuitableIndex",
            "withReferences withPartitionedTableWithoutComments",
            "withReferences withPartitionedTableWithoutPrimaryKey",
            "withReferences withPartitionedTableWithoutPrimaryKey withPrimaryKeyForDefaultPartition",
            "withReferences withSerialType withBadlyNamedObjects withVarcharInsteadOfUuid",
            "withReferences withSuitableIndex",
            "withReferences withTableWithoutPrimaryKey withIdentityPrimaryKey",
            "withSerialAndForeignKeysInPartitionedTable withBtreeIndexOnArrayColumnInPartitionedTable",
            "withSerialAndForeignKeysInPartitionedTable withDuplicatedAndIntersectedIndexesInPartitionedTable",
            "withSerialAndForeignKeysInPartitionedTable withDuplicatedForeignKeysInPartitionedTable",
            "withSerialAndForeignKeysInPartitionedTable withIntersectedForeignKeysInPartitionedTable",
            "withSerialAndForeignKeysInPartitionedTable withNotValidConstraintInPartitionedTable",
            "withSerialType withDroppedSerialColumn");

    private static final List<String> SINGLES = List.of(
            "withBadlyNamedPartitionedTable", "withBloatInPartitionedTable", "withDroppedAccountNumberColumn",
            "withDroppedColumnInPartitionedTable", "withInheritance", "withJsonAndSerialColumnsInPartitionedTable",
            "withMoneyColumn", "withNaturalKeys", "withNullableIndexesInPartitionedTable", "withSequenceOverflow",
            "withSerialPrimaryKeyReferencesToAnotherTable", "withTableWhereAllColumnsNullable",
            "withTimestampInTheMiddle", "withUnnecessaryWhereClause", "withUnnecessaryWhereClauseInPartitionedIndex",
            "withVarcharInPartitionedTable", "withVeryLongNamesInPartitionedTable");

    private static List<String> plantings() {
        List<String> all = new ArrayList<>(CHAINS);
        SINGLES.forEach(m -> all.add("withReferences withData " + m));
        return all;
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void everyPeerFindingHasADboptFindingAndEveryDboptFixRuns(TestDatabase db) throws Exception {
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        pool.setJdbcUrl(db.jdbcUrl());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(2);
        try (com.zaxxer.hikari.HikariDataSource pooled = new com.zaxxer.hikari.HikariDataSource(pool)) {
            compare(db, pooled);
        }
    }

    // one pool for both tools: pg-index-health opens a connection per check, which costs more than the checks
    private void compare(TestDatabase db, javax.sql.DataSource ds) throws Exception {
        List<String> plantings = plantings();
        PgConnection pg = PgConnectionImpl.of(ds, PgHostImpl.ofUrl(db.jdbcUrl()));
        List<DatabaseCheckOnHost<? extends DbObject>> peerChecks = new StandardChecksOnHost().apply(pg);
        // diagnostic -> [peer objects, dbopt finding, deliberate difference]
        Map<String, int[]> coverage = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> failedFixes = new ArrayList<>();
        List<String> peerFailures = new ArrayList<>();
        List<String> notPlanted = new ArrayList<>();
        int fixes = 0;
        for (int i = 0; i < plantings.size(); i++) {
            String schema = "phs_" + i;
            long t0 = System.nanoTime();
            String planting = plantings.get(i);
            DatabasePopulator populator = PeerSchemas.populator(ds, schema);
            for (String method : planting.split(" ")) {
                DatabasePopulator.class.getMethod(method).invoke(populator);
            }
            try {
                populator.populate();
            } catch (RuntimeException e) {
                notPlanted.add(planting + " -> " + e.getMessage());
                continue;
            }
            db.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.oid::regclass AS t FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' AND c.relkind "
                    + "IN ('r', 'p', 'm') LOOP EXECUTE 'ANALYZE ' || r.t; END LOOP; END $$");
            long t1 = System.nanoTime();
            List<Finding> dbopt = IndexManager.builder(ds).options(IndexOptions.builder().schema(schema)
                    .unusedMinBytes(0).bloatMinBytes(0).build()).workload(Workload.empty()).build().analyze()
                    .actions();
            long t2 = System.nanoTime();
            for (DatabaseCheckOnHost<? extends DbObject> check : peerChecks) {
                String diagnostic = check.getName().toLowerCase(Locale.ROOT);
                List<? extends DbObject> reported;
                try {
                    reported = check.check(PgContext.of(schema));
                } catch (RuntimeException e) {
                    peerFailures.add(planting + ": " + diagnostic + " -> " + e.getMessage());
                    continue;
                }
                for (DbObject object : reported) {
                    int[] c = coverage.computeIfAbsent(diagnostic, k -> new int[3]);
                    c[0]++;
                    if (NOT_COVERED.containsKey(diagnostic)) {
                        continue;
                    }
                    Set<String> checks = MAPPING.getOrDefault(diagnostic, Set.of());
                    Optional<String> deliberate = deliberate(db, schema, diagnostic, object.getName());
                    if (covered(dbopt, checks, object.getName())
                            || covered(dbopt, checks, parentOf(db, schema, object.getName()))) {
                        c[1]++;
                    } else if (deliberate.isPresent()) {
                        c[2]++;
                        differences.add(diagnostic + " " + object.getName() + ": " + deliberate.get());
                    } else {
                        missed.add(planting + ": " + diagnostic + " " + object.getName() + " (dbopt: "
                                + dbopt.stream().filter(f -> checks.contains(f.check().value()))
                                .map(f -> f.object().name()).toList() + ")");
                    }
                }
            }
            long t3 = System.nanoTime();
            fixes += applyFixes(db, dbopt, planting, failedFixes);
            LOG.info("side by side - {}: plant {} ms, dbopt {} ms, peer {} ms, fixes {} ms", planting,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    (System.nanoTime() - t3) / 1_000_000);
            populator.close(); // drops the schema: the catalog stays small for the next one
        }
        coverage.forEach((d, c) -> LOG.info("side by side - {}: pg-index-health {} / dbopt {} / deliberate {}{}", d,
                c[0], c[1], c[2],
                NOT_COVERED.containsKey(d) ? " (not covered: " + NOT_COVERED.get(d) + ")" : ""));
        LOG.info("side by side - {} schemas, {} dbopt fix statements run, {} failed", plantings.size(), fixes,
                failedFixes.size());
        peerFailures.forEach(f -> LOG.info("side by side - pg-index-health could not run: {}", f));
        notPlanted.forEach(f -> LOG.info("side by side - the populator could not plant: {}", f));
        missed.forEach(m -> LOG.info("side by side - missed: {}", m));
        differences.forEach(m -> LOG.info("side by side - deliberate: {}", m));
        failedFixes.forEach(m -> LOG.info("side by side - fix failed: {}", m));

        assertThat(plantings.size() - notPlanted.size()).isGreaterThan(55);
        assertThat(missed).as("peer findings without a dbopt finding").isEmpty();
        assertThat(failedFixes).as("dbopt fixes the server refused").isEmpty();
    }

    /**
     * Whether a dbopt finding of one of the checks names the peer's object, or one of them when the peer names a
     * pair ({@code a,b}); compared without quotes or case.
     */
    private static boolean covered(List<Finding> dbopt, Set<String> checks, String peerName) {
        if (peerName.isEmpty()) {
            return false;
        }
        if (peerName.contains(",")) {
            return Arrays.stream(peerName.split(",")).anyMatch(p -> covered(dbopt, checks, p));
        }
        String peer = unquote(peerName);
        String last = peer.substring(peer.lastIndexOf('.') + 1);
        return dbopt.stream().filter(f -> checks.contains(f.check().value()) || f.evidence().stream()
                        .anyMatch(e -> e.name().startsWith("also_") && checks.stream()
                                .anyMatch(c -> e.value().toString().startsWith(c + " "))))
                .anyMatch(f -> {
                    String mine = unquote(f.object().name());
                    return mine.equals(peer) || mine.endsWith("." + last) || mine.endsWith("." + peer)
                            || f.evidence().stream().anyMatch(e -> unquote(e.value().toString()).contains(peer)
                            || unquote(e.value().toString()).equals(last));
                });
    }

    /**
     * The partitioned table or index a partition's table or index belongs to: dbopt reports partitioned tables at the
     * parent, where their DDL must run (empty when the object is not a partition).
     */
    private static String parentOf(TestDatabase db, String schema, String peerName) throws SQLException {
        String name = unquote(peerName.contains(",") ? peerName.substring(peerName.indexOf(',') + 1) : peerName);
        name = name.substring(name.lastIndexOf('.') + 1);
        try (Connection c = db.connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT p.relname FROM pg_inherits h JOIN pg_class ch ON ch.oid = h.inhrelid "
                        + "JOIN pg_class p ON p.oid = h.inhparent JOIN pg_namespace n ON n.oid = ch.relnamespace "
                        + "WHERE n.nspname = ? AND lower(ch.relname) = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? schema + "." + rs.getString(1) : "";
            }
        }
    }

    /**
     * Why dbopt deliberately does not report a peer finding, when it does not: it keeps an index that leads with a
     * foreign key's columns (the key needs it), and it counts an index whose leading columns are a foreign key's
     * columns in any order as the key's index (every lookup by the key is an equality on all of them).
     */
    private static Optional<String> deliberate(TestDatabase db, String schema, String diagnostic, String peerName)
            throws SQLException {
        String name = unquote(peerName);
        name = name.substring(name.lastIndexOf('.') + 1);
        String sql = switch (diagnostic) {
            case "unused_indexes" -> "SELECT EXISTS (SELECT 1 FROM pg_class i JOIN pg_namespace n ON n.oid = "
                    + "i.relnamespace JOIN pg_index x ON x.indexrelid = i.oid JOIN pg_constraint f ON f.contype = 'f' "
                    + "AND f.conrelid IN (x.indrelid, (SELECT h.inhparent FROM pg_inherits h WHERE h.inhrelid = "
                    + "x.indrelid)) WHERE n.nspname = ? AND lower(i.relname) = ? AND (x.indkey::int2[])"
                    + "[0:cardinality(f.conkey) - 1] @> f.conkey)";
            case "foreign_keys_without_index" -> "SELECT EXISTS (SELECT 1 FROM pg_constraint f JOIN pg_namespace n "
                    + "ON n.oid = f.connamespace JOIN pg_index x ON x.indrelid = f.conrelid WHERE n.nspname = ? AND "
                    + "lower(f.conname) = ? AND (x.indkey::int2[])[0:cardinality(f.conkey) - 1] @> f.conkey AND "
                    + "(x.indkey::int2[])[0:cardinality(f.conkey) - 1] <@ f.conkey)";
            default -> null;
        };
        if (sql == null) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(diagnostic.equals("unused_indexes")
                ? "dbopt keeps an index that leads with a foreign key's columns: the key needs it"
                : "an index whose leading columns are the key's columns in another order serves the key");
    }

    private static String unquote(String name) {
        return name.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static int applyFixes(TestDatabase db, List<Finding> findings, String planting, List<String> failed)
            throws SQLException {
        Set<String> statements = new LinkedHashSet<>();
        findings.forEach(f -> statements.addAll(f.fix().statements()));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    failed.add(planting + ": " + sql + " -> " + e.getMessage());
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    s.execute("ROLLBACK"); // leaves a failed BEGIN ... COMMIT block
                }
            }
        }
        return statements.size();
    }
}
