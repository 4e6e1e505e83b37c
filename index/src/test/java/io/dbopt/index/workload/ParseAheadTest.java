package io.dbopt.index.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.index.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The parse done ahead on a thread of its own gives the shapes a parse on the asker's thread gives. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParseAheadTest {

    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static final Dialect MARIADB = Dialect.of(DatabaseProduct.MARIADB, ServerVersion.of(10, 11, 0));

    private static final SchemaLookup CATALOG = (schema, name) -> name.startsWith("t_")
            ? Optional.of(table(name, "id", "code", "status", "owner_id", "created_at"))
            : Optional.empty();

    private static TableColumns table(String name, String... columns) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String c : columns) {
            types.put(c, "bigint");
        }
        return new TableColumns(TableName.of("public", name), types, 1000, 8192);
    }

    /** Queries, DML, a duplicate, text JSqlParser cannot read, empty text and a statement that is not DML. */
    private static List<String> statements(boolean digest) {
        String p = digest ? "?" : "$1";
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            String t = String.format(java.util.Locale.ROOT, "t_%05d", i);
            out.add("SELECT id, code FROM " + t + " WHERE code = " + p);
            out.add("SELECT count(*) FROM " + t + " a JOIN t_00001 b ON b.id = a.owner_id WHERE a.status IN (" + p
                    + ", 2) ORDER BY a.created_at DESC LIMIT 5");
            out.add("UPDATE " + t + " SET code = " + p + " WHERE id = 7");
        }
        out.add("SELECT id, code FROM t_00001 WHERE code = " + p);
        out.add("SELEC nonsense FROM WHERE");
        out.add("");
        out.add("VACUUM t_00001");
        out.add("SELECT 1 FROM unknown_table WHERE x = " + p);
        return out;
    }

    @Test
    void givesTheShapesAParseOnTheAskersThreadGives() throws Exception {
        for (Dialect dialect : List.of(PG, MARIADB)) {
            List<String> statements = statements(dialect == MARIADB);
            List<Optional<QueryShape>> alone = new ArrayList<>();
            for (String sql : statements) {
                alone.add(QueryShapes.parse(sql, dialect, CATALOG));
            }
            assertThat(alone).filteredOn(Optional::isPresent).hasSizeGreaterThan(400);

            try (ParseAhead ahead = ParseAhead.start(statements, dialect)) {
                List<Optional<QueryShape>> asked = new ArrayList<>();
                for (String sql : statements) {
                    asked.add(QueryShapes.parse(sql, dialect, CATALOG, ahead));
                }
                assertThat(asked).isEqualTo(alone);
                // asked again (a fresh catalog asks again): the same answers
                assertThat(QueryShapes.parse(statements.get(0), dialect, CATALOG, ahead)).isEqualTo(alone.get(0));
            }
        }
    }

    @Test
    void askersOnSeveralThreadsAndTheHelperShareEachParse() throws Exception {
        List<String> statements = statements(false);
        List<Optional<QueryShape>> alone = new ArrayList<>();
        for (String sql : statements) {
            alone.add(QueryShapes.parse(sql, PG, CATALOG));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ParseAhead ahead = ParseAhead.start(statements, PG)) {
            List<String> reversed = new ArrayList<>(statements);
            java.util.Collections.reverse(reversed);
            Future<List<Optional<QueryShape>>> forward = pool.submit(() -> ask(ahead, statements));
            Future<List<Optional<QueryShape>>> backward = pool.submit(() -> ask(ahead, reversed));

            assertThat(forward.get()).isEqualTo(alone);
            List<Optional<QueryShape>> back = new ArrayList<>(backward.get());
            java.util.Collections.reverse(back);
            assertThat(back).isEqualTo(alone);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStatementNotGivenAheadOrAskedAfterCloseIsParsedOnTheAskersThread() {
        try (ParseAhead ahead = ParseAhead.start(List.of("SELECT id FROM t_00001 WHERE code = $1"), PG)) {
            ahead.close();
            assertThat(QueryShapes.parse("SELECT id FROM t_00002 WHERE status = $1", PG, CATALOG, ahead))
                    .isEqualTo(QueryShapes.parse("SELECT id FROM t_00002 WHERE status = $1", PG, CATALOG));
            assertThat(QueryShapes.parse("SELECT id FROM t_00001 WHERE code = $1", PG, CATALOG, ahead))
                    .isEqualTo(QueryShapes.parse("SELECT id FROM t_00001 WHERE code = $1", PG, CATALOG));
        }
    }

    private static List<Optional<QueryShape>> ask(ParseAhead ahead, List<String> statements) {
        List<Optional<QueryShape>> out = new ArrayList<>();
        for (String sql : statements) {
            out.add(QueryShapes.parse(sql, PG, CATALOG, ahead));
        }
        return out;
    }
}
