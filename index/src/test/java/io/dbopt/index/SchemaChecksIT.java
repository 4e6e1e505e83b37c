package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Timeout;

/**
 * The schema checks on planted mistakes: each is found with a fix, then every SQL fix the analysis emits is applied
 * and the analysis runs again: each fixed finding is gone and no new one appears.
 */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SchemaChecksIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void findsAndFixesThePlantedMistakesOnPostgres(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE parent (id bigint PRIMARY KEY, code varchar(20) NOT NULL UNIQUE)",
                "CREATE TABLE nokey (a int NOT NULL, b text)",
                "CREATE UNIQUE INDEX nokey_a_uq ON nokey (a)",
                "CREATE TABLE nokey_at_all (a int, b text)",
                "CREATE TABLE child (id serial PRIMARY KEY, parent_id int, note text, doc json, created timestamp, "
                        + "CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id), "
                        + "CONSTRAINT child_parent_fk2 FOREIGN KEY (parent_id) REFERENCES parent (id))",
                "CREATE INDEX child_note_idx ON child (note)",
                "CREATE TABLE checked (id int PRIMARY KEY, v int)",
                "ALTER TABLE checked ADD CONSTRAINT checked_v_positive CHECK (v > 0) NOT VALID",
                "CREATE SEQUENCE hot_seq AS smallint",
                "SELECT setval('hot_seq', 30000)",
                "INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 100) g",
                "INSERT INTO child (parent_id, note, doc, created) SELECT 1 + g % 100, NULL, '{}', now() "
                        + "FROM generate_series(1, 500) g",
                "ANALYZE");
        List<Finding> before = analyze(db);

        assertThat(objects(before, "index.no-primary-key")).containsExactlyInAnyOrder("public.nokey",
                "public.nokey_at_all");
        assertThat(fix(before, "index.no-primary-key", "nokey\"?$")).contains("ADD PRIMARY KEY USING INDEX");
        assertThat(objects(before, "index.fk-duplicate")).containsExactly("public.child.child_parent_fk2");
        assertThat(objects(before, "index.fk-type-mismatch")).isNotEmpty();
        assertThat(objects(before, "index.json-column")).containsExactly("public.child.doc");
        assertThat(objects(before, "index.serial-column")).containsExactly("public.child.id");
        // never scanned, the index is also unused: one finding (drop it) carries the null-values evidence
        assertThat(before).filteredOn(f -> f.object().name().equals("public.child_note_idx")).singleElement()
                .satisfies(f -> assertThat(f.check().value().equals("index.null-values") || f.evidence().stream()
                        .anyMatch(e -> e.value().toString().startsWith("index.null-values "))).isTrue());
        assertThat(objects(before, "index.not-valid-constraint")).containsExactly("public.checked.checked_v_positive");
        assertThat(objects(before, "index.sequence-overflow")).containsExactly("public.hot_seq");
        assertThat(objects(before, "index.discouraged-type")).contains("public.child.created", "public.parent.code");
        assertThat(objects(before, "index.fk-without-index")).containsExactly("public.child.child_parent_fk");
        assertThat(fix(before, "index.fk-without-index", ".*")).contains("WHERE parent_id IS NOT NULL");

        applyEveryFix(db, before);
        List<Finding> after = analyze(db);

        assertThat(identities(after)).as("no finding is new after the fixes")
                .isSubsetOf(identities(before));
        assertThat(after).as("every finding with SQL fixes is gone")
                .noneMatch(f -> !f.fix().statements().isEmpty());
    }

    @DialectTest(TestDialect.MARIADB)
    void findsAndFixesThePlantedMistakesOnMariaDb(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE parent (id BIGINT PRIMARY KEY, code VARCHAR(20) CHARACTER SET utf8mb3 NOT NULL) "
                        + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE nokey (a INT NOT NULL, b TEXT, UNIQUE KEY nokey_a_uq (a)) ENGINE=InnoDB "
                        + "DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE legacy (id INT PRIMARY KEY, v INT) ENGINE=MyISAM",
                "CREATE TABLE child (id INT AUTO_INCREMENT PRIMARY KEY, parent_id BIGINT, "
                        + "CONSTRAINT child_fk1 FOREIGN KEY (parent_id) REFERENCES parent (id), "
                        + "CONSTRAINT child_fk2 FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB",
                "CREATE TABLE tiny (id TINYINT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB AUTO_INCREMENT=120");
        List<Finding> before = analyze(db);

        assertThat(objects(before, "index.no-primary-key")).containsExactly(db.name() + ".nokey");
        assertThat(objects(before, "index.fk-duplicate")).containsExactly(db.name() + ".child.child_fk2");
        assertThat(objects(before, "index.non-transactional-engine")).containsExactly(db.name() + ".legacy");
        assertThat(objects(before, "index.utf8mb3-column")).containsExactly(db.name() + ".parent");
        assertThat(objects(before, "index.sequence-overflow")).containsExactly(db.name() + ".tiny.id");

        applyEveryFix(db, before);
        List<Finding> after = analyze(db);

        assertThat(identities(after)).isSubsetOf(identities(before));
        assertThat(after).noneMatch(f -> !f.fix().statements().isEmpty());
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void examinesEverySchemaOfTheDatabaseUnlessOneIsChosen(TestDatabase db) {
        db.execute("CREATE SCHEMA \"Second Schema\"", "CREATE TABLE \"Second Schema\".loose (a int, b text)",
                "CREATE TABLE loose_here (a int, b text)");

        try {
            assertEverySchemaUnlessOneIsChosen(db);
        } finally {
            db.execute("DROP SCHEMA \"Second Schema\" CASCADE", "DROP TABLE loose_here");
        }
    }

    private static void assertEverySchemaUnlessOneIsChosen(TestDatabase db) {
        List<String> all = objects(analyze(db), "index.no-primary-key");
        List<String> chosen = objects(IndexManager.builder(db.dataSource()).config(io.dbopt.core.config.DbOptConfig
                .of(java.util.Map.of("index.schema", "public"))).workload(Workload.empty()).build().analyze()
                .actions(), "index.no-primary-key");
        List<String> listed = objects(IndexManager.builder(db.dataSource()).config(io.dbopt.core.config.DbOptConfig
                .of(java.util.Map.of("index.schemas", "Second Schema"))).workload(Workload.empty()).build()
                .analyze().actions(), "index.no-primary-key");

        assertThat(all).contains("public.loose_here", "Second Schema.loose");
        assertThat(chosen).contains("public.loose_here").doesNotContain("Second Schema.loose");
        assertThat(listed).containsExactly("Second Schema.loose");
    }

    private static List<Finding> analyze(TestDatabase db) {
        return IndexManager.builder(db.dataSource()).workload(Workload.empty()).build().analyze().actions();
    }

    /** Runs each distinct fix statement once, in the order the findings give them. */
    static void applyEveryFix(TestDatabase db, List<Finding> findings) throws SQLException {
        Set<String> statements = new LinkedHashSet<>();
        findings.forEach(f -> statements.addAll(f.fix().statements()));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static Set<String> identities(List<Finding> findings) {
        Set<String> ids = new LinkedHashSet<>();
        findings.forEach(f -> ids.add(f.check().value() + " " + f.object().name()));
        return ids;
    }

    static List<String> objects(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.check().value().equals(check)).map(f -> f.object().name()
                .replace("\"", "").replace("`", "")).toList();
    }

    private static String fix(List<Finding> findings, String check, String objectPattern) {
        Predicate<String> matches = java.util.regex.Pattern.compile(objectPattern).asPredicate();
        return findings.stream().filter(f -> f.check().value().equals(check) && matches.test(f.object().name()))
                .findFirst().orElseThrow().fix().statements().toString();
    }
}
