package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile identifiers: each is either rejected by the dialect with {@link InvalidIdentifierException}, or quoted,
 * created on the real server and read back from the catalog exactly. A canary table must survive everything.
 */
@DbTest
class IdentifierRoundTripIT {

    static List<String> hostileNames() {
        return List.of("\"", "`", "a\"b", "a`b", "\"\"", "``", ";--", "x; DROP TABLE canary; --", "$$", "$1",
                "a\0b", "line\nbreak", "tab\there", "Ünïcödé", "日本語テーブル", "emoji\uD83D\uDE00", "select",
                "order", "user", "Group", "table", "a".repeat(63), "a".repeat(64), "a".repeat(65), "é".repeat(31),
                "é".repeat(32), "' OR 1=1 --", "back\\slash", " leading", "trailing ", "%", "_", "?", ":name",
                "CamelCase", "123", "a.b", "/*c*/");
    }

    @DialectTest
    void everyNameIsRejectedOrRoundTripsExactly(TestDatabase db) throws SQLException {
        Dialect dialect = db.dialect();
        db.execute("CREATE TABLE canary (id int)", "INSERT INTO canary VALUES (42)");
        List<String> rejected = new ArrayList<>();
        List<String> roundTripped = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (String name : hostileNames()) {
                String quoted;
                try {
                    quoted = dialect.quote(name);
                } catch (InvalidIdentifierException e) {
                    assertThat(e.getMessage()).as("rejection names the problem").isNotBlank();
                    rejected.add(name);
                    continue;
                }
                st.execute("CREATE TABLE " + quoted + " (" + quoted + " int)");
                assertThat(catalogTables(c, db, name)).as("table %s", name).containsExactly(name);
                assertThat(catalogColumns(c, db, name)).as("column of %s", name).containsExactly(name);
                st.execute("INSERT INTO " + quoted + " (" + quoted + ") VALUES (7)");
                try (ResultSet rs = st.executeQuery("SELECT " + quoted + " FROM " + quoted)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(7);
                }
                st.execute("DROP TABLE " + quoted);
                roundTripped.add(name);
            }
        }
        assertThat(db.queryLong("SELECT id FROM canary")).isEqualTo(42);
        assertThat(rejected).contains("a\0b", "a".repeat(65));
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            assertThat(rejected).contains("a".repeat(64), "é".repeat(32)).doesNotContain("emoji\uD83D\uDE00");
        } else {
            assertThat(rejected).contains("emoji\uD83D\uDE00", "trailing ").doesNotContain("a".repeat(64));
        }
        assertThat(roundTripped).contains("select", "x; DROP TABLE canary; --", "a\"b", "a`b", "日本語テーブル");
    }

    @DialectTest
    void reservedWordListCoversTheServersKeywords(TestDatabase db) throws SQLException {
        Dialect dialect = db.dialect();
        List<String> missing = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                try (ResultSet rs = st.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'")) {
                    while (rs.next()) {
                        if (!dialect.isReservedWord(rs.getString(1))) {
                            missing.add(rs.getString(1));
                        }
                    }
                }
            } else {
                List<String> words = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT WORD FROM information_schema.KEYWORDS")) {
                    while (rs.next()) {
                        words.add(rs.getString(1));
                    }
                }
                for (String word : words) {
                    if (!word.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        continue; // operators such as && are not identifiers
                    }
                    try {
                        // PREPARE parses without executing: a reserved word fails as a bare table name
                        st.execute("PREPARE probe FROM 'CREATE TABLE " + word + " (x int)'");
                        st.execute("DEALLOCATE PREPARE probe");
                    } catch (SQLException e) {
                        if (SqlErrors.classify(e) == ErrorKind.SYNTAX_ERROR && !dialect.isReservedWord(word)) {
                            missing.add(word);
                        }
                    }
                }
            }
        }
        assertThat(missing).as("keywords the server rejects as bare names but the dialect would leave bare")
                .isEmpty();
    }

    @DialectTest
    void quotedNamesNeverExecuteInjectedSql(TestDatabase db) {
        db.execute("CREATE TABLE victim (id int)");
        String hostile = db.testDialect() == TestDialect.POSTGRESQL ? "x\" (id int); DROP TABLE victim; --"
                : "x` (id int); DROP TABLE victim; --";
        String quoted = db.dialect().quote(hostile);
        db.execute("CREATE TABLE " + quoted + " (id int)");
        assertThat(db.queryLong("SELECT count(*) FROM victim")).isZero();
        assertThatThrownBy(() -> db.dialect().quote("bad\0")).isInstanceOf(InvalidIdentifierException.class);
    }

    private static List<String> catalogTables(Connection c, TestDatabase db, String name) throws SQLException {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "AND table_name = ?"
                : "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = ? COLLATE utf8mb4_bin";
        return strings(c, sql, name);
    }

    private static List<String> catalogColumns(Connection c, TestDatabase db, String name) throws SQLException {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = ?"
                : "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = ? COLLATE utf8mb4_bin";
        return strings(c, sql, name);
    }

    private static List<String> strings(Connection c, String sql, String param) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
