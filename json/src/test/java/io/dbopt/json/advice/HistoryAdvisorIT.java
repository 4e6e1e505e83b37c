package io.dbopt.json.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.PostgresDialect;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * History tables sampled several to a query (branches whose document and content columns have different types)
 * measure exactly as each sampled alone.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryAdvisorIT {

    @DialectTest
    void samplingSeveralTablesInOneQueryMeasuresEachAsAlone(TestDatabase db) throws Exception {
        boolean pg = db.dialect() instanceof PostgresDialect;
        plant(db, pg);
        HistoryAdvisor advisor = new HistoryAdvisor(db.dialect(), Duration.ofSeconds(30));
        try (Connection c = db.connection()) {
            List<HistoryAdvisor.Candidate> candidates = advisor.candidates(c);
            assertThat(candidates).extracting(HistoryAdvisor.Candidate::table)
                    .contains("page_history", "doc_history", "note_history");

            List<Optional<HistoryAdvisor.Measurement>> together = advisor.measureAll(c, candidates);
            List<Optional<HistoryAdvisor.Measurement>> alone = new ArrayList<>();
            for (HistoryAdvisor.Candidate k : candidates) {
                alone.add(advisor.measure(c, k));
            }

            assertThat(together).isEqualTo(alone);
            assertThat(measured(candidates, together, "page_history")).hasValueSatisfying(m ->
                    assertThat(m.similarity()).isGreaterThan(0.9));
            assertThat(measured(candidates, together, "doc_history")).hasValueSatisfying(m ->
                    assertThat(m.pairs()).isGreaterThanOrEqualTo(3));
            assertThat(measured(candidates, together, "note_history")).isEmpty(); // one version per note
        }
    }

    /**
     * MariaDB pairs time and content columns in Java from one row per foreign key: the choice is the one the row per
     * combination, ordered by the server, gave (ties to the first column by the catalog's case-insensitive order:
     * {@code created} before {@code Saved_At}), keys of two columns are left out, and each candidate carries its
     * content column's declared length, which {@link HistoryAdvisor#mayHoldCopies} reads.
     */
    @DialectTest(TestDialect.MARIADB)
    void choosesColumnsInCatalogOrderAndKnowsTheContentLength(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE owners (id int PRIMARY KEY)",
                "CREATE TABLE pairs (x int, y int, PRIMARY KEY (x, y))",
                "CREATE TABLE multi_history (id int PRIMARY KEY, owner_id int, px int, py int, "
                        + "Saved_At DATETIME, created TIMESTAMP NULL, title varchar(30), `Body` TEXT, "
                        + "FOREIGN KEY (owner_id) REFERENCES owners (id), "
                        + "FOREIGN KEY (px, py) REFERENCES pairs (x, y))",
                "CREATE TABLE pair_history (id int PRIMARY KEY, px int, py int, changed_at DATETIME, body TEXT, "
                        + "FOREIGN KEY (px, py) REFERENCES pairs (x, y))",
                "CREATE TABLE short_history (id int PRIMARY KEY, owner_id int, changed_at DATETIME, "
                        + "summary varchar(100), FOREIGN KEY (owner_id) REFERENCES owners (id))");
        HistoryAdvisor advisor = new HistoryAdvisor(db.dialect(), Duration.ofSeconds(30));
        try (Connection c = db.connection()) {
            List<HistoryAdvisor.Candidate> candidates = advisor.candidates(c);

            assertThat(candidates).containsExactly(
                    new HistoryAdvisor.Candidate("multi_history", "owner_id", "created", "Body", 65535),
                    new HistoryAdvisor.Candidate("short_history", "owner_id", "changed_at", "summary", 100));
            assertThat(candidates).extracting(advisor::mayHoldCopies).containsExactly(true, false);
        }
    }

    /**
     * PostgreSQL's candidates carry the content column's declared length from the catalog (varchar(n): n
     * characters), -1 where there is none (text, jsonb, varchar without a length), so {@link
     * HistoryAdvisor#mayHoldCopies} leaves out only a varchar too short for a copy worth a finding.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    void knowsTheDeclaredContentLengthOnPostgres(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE owners (id int PRIMARY KEY)",
                "CREATE TABLE a_short_history (id int PRIMARY KEY, owner_id int REFERENCES owners (id), "
                        + "changed_at timestamp, summary varchar(100))",
                "CREATE TABLE b_edge_history (id int PRIMARY KEY, owner_id int REFERENCES owners (id), "
                        + "changed_at timestamptz, summary varchar(250))",
                "CREATE TABLE c_below_history (id int PRIMARY KEY, owner_id int REFERENCES owners (id), "
                        + "changed_at timestamptz, summary varchar(249))",
                "CREATE TABLE d_open_history (id int PRIMARY KEY, owner_id int REFERENCES owners (id), "
                        + "changed_at timestamp, summary varchar)",
                "CREATE TABLE e_text_history (id int PRIMARY KEY, owner_id int REFERENCES owners (id), "
                        + "changed_at timestamp, body text)",
                "CREATE TABLE f_doc_history (id int PRIMARY KEY, owner_id int REFERENCES owners (id), "
                        + "changed_at timestamp, content jsonb)");
        HistoryAdvisor advisor = new HistoryAdvisor(db.dialect(), Duration.ofSeconds(30));
        try (Connection c = db.connection()) {
            List<HistoryAdvisor.Candidate> candidates = advisor.candidates(c).stream()
                    .filter(k -> k.document().equals("owner_id")).sorted(Comparator.comparing(HistoryAdvisor.Candidate::table)).toList();

            assertThat(candidates).containsExactly(
                    new HistoryAdvisor.Candidate("a_short_history", "owner_id", "changed_at", "summary", 100),
                    new HistoryAdvisor.Candidate("b_edge_history", "owner_id", "changed_at", "summary", 250),
                    new HistoryAdvisor.Candidate("c_below_history", "owner_id", "changed_at", "summary", 249),
                    new HistoryAdvisor.Candidate("d_open_history", "owner_id", "changed_at", "summary", -1),
                    new HistoryAdvisor.Candidate("e_text_history", "owner_id", "changed_at", "body", -1),
                    new HistoryAdvisor.Candidate("f_doc_history", "owner_id", "changed_at", "content", -1));
            assertThat(candidates).extracting(advisor::mayHoldCopies)
                    .containsExactly(false, true, false, true, true, true);
        }
    }

    private static Optional<HistoryAdvisor.Measurement> measured(List<HistoryAdvisor.Candidate> candidates,
                                                                 List<Optional<HistoryAdvisor.Measurement>> found,
                                                                 String table) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).table().equals(table)) {
                return found.get(i);
            }
        }
        throw new AssertionError(table + " is not a candidate");
    }

    private static void plant(TestDatabase db, boolean pg) {
        if (pg) {
            db.execute("CREATE TABLE pages (id int PRIMARY KEY)",
                    "INSERT INTO pages SELECT n FROM generate_series(1, 30) n",
                    "CREATE TABLE page_history (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, page_id int "
                            + "NOT NULL REFERENCES pages (id), body text NOT NULL, changed_at timestamptz NOT NULL)",
                    "INSERT INTO page_history (page_id, body, changed_at) SELECT p.id, repeat('<p>page ' || p.id "
                            + "|| ' text of the page</p>', 40) || '<!-- ' || v || ' -->', now() - v * interval "
                            + "'1 day' FROM pages p CROSS JOIN generate_series(1, 4) v",
                    "CREATE TABLE docs (doc_key varchar(20) PRIMARY KEY)",
                    "INSERT INTO docs SELECT 'doc-' || n FROM generate_series(1, 25) n",
                    "CREATE TABLE doc_history (id serial PRIMARY KEY, doc_key varchar(20) NOT NULL REFERENCES docs "
                            + "(doc_key), saved_at timestamp NOT NULL, content jsonb NOT NULL)",
                    "INSERT INTO doc_history (doc_key, saved_at, content) SELECT d.doc_key, TIMESTAMP '2026-01-01' "
                            + "+ v * interval '1 hour', jsonb_build_object('title', d.doc_key, 'version', v, 'text', "
                            + "repeat('paragraph ', 80)) FROM docs d CROSS JOIN generate_series(1, 3) v",
                    "CREATE TABLE notes (id bigint PRIMARY KEY)",
                    "INSERT INTO notes SELECT n FROM generate_series(1, 10) n",
                    "CREATE TABLE note_history (id bigint PRIMARY KEY, note_id bigint REFERENCES notes (id), "
                            + "recorded_at timestamp NOT NULL, data text)",
                    "INSERT INTO note_history SELECT n, n, TIMESTAMP '2026-01-01 00:00:00', 'only version' "
                            + "FROM generate_series(1, 10) n",
                    "ANALYZE");
        } else {
            db.execute("CREATE TABLE pages (id int PRIMARY KEY)",
                    "INSERT INTO pages SELECT seq FROM seq_1_to_30",
                    "CREATE TABLE page_history (id bigint AUTO_INCREMENT PRIMARY KEY, page_id int NOT NULL, "
                            + "body LONGTEXT NOT NULL, changed_at DATETIME(6) NOT NULL, "
                            + "FOREIGN KEY (page_id) REFERENCES pages (id))",
                    "INSERT INTO page_history (page_id, body, changed_at) SELECT p.id, CONCAT(REPEAT(CONCAT("
                            + "'<p>page ', p.id, ' text of the page</p>'), 40), '<!-- ', v.seq, ' -->'), "
                            + "TIMESTAMP '2026-01-01 00:00:00' - INTERVAL v.seq DAY FROM pages p CROSS JOIN "
                            + "seq_1_to_4 v",
                    "CREATE TABLE docs (doc_key varchar(20) CHARACTER SET latin1 PRIMARY KEY)",
                    "INSERT INTO docs SELECT CONCAT('doc-', seq) FROM seq_1_to_25",
                    "CREATE TABLE doc_history (id int AUTO_INCREMENT PRIMARY KEY, doc_key varchar(20) CHARACTER "
                            + "SET latin1 NOT NULL, saved_at TIMESTAMP NOT NULL, content JSON NOT NULL, "
                            + "FOREIGN KEY (doc_key) REFERENCES docs (doc_key))",
                    "INSERT INTO doc_history (doc_key, saved_at, content) SELECT d.doc_key, TIMESTAMP "
                            + "'2026-01-01 00:00:00' + INTERVAL v.seq HOUR, JSON_OBJECT('title', d.doc_key, "
                            + "'version', v.seq, 'text', REPEAT('paragraph ', 80)) FROM docs d CROSS JOIN seq_1_to_3 v",
                    "CREATE TABLE notes (id bigint PRIMARY KEY)",
                    "INSERT INTO notes SELECT seq FROM seq_1_to_10",
                    "CREATE TABLE note_history (id bigint PRIMARY KEY, note_id bigint, recorded_at DATETIME NOT NULL, "
                            + "data TEXT, FOREIGN KEY (note_id) REFERENCES notes (id))",
                    "INSERT INTO note_history SELECT seq, seq, TIMESTAMP '2026-01-01 00:00:00', 'only version' "
                            + "FROM seq_1_to_10",
                    "ANALYZE TABLE pages, page_history, docs, doc_history, notes, note_history");
        }
    }
}
