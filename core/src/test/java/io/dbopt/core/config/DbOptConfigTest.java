package io.dbopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.DbOptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class DbOptConfigTest {

    @Test
    void readsEverySpellingOfOneKey() {
        for (String spelling : List.of("query.max_fingerprints", "query_max_fingerprints", "query-max-fingerprints",
                "queryMaxFingerprints", "QUERY_MAX_FINGERPRINTS", "fingerprints")) {
            DbOptConfig c = DbOptConfig.of(Map.of(spelling, "42"));
            assertThat(c.get(TestSchema.SIZE)).as(spelling).isEqualTo(42);
            assertThat(c.spellingOf(TestSchema.SIZE)).isEqualTo(spelling);
        }
    }

    @Test
    void defaultsApplyOnlyThroughGet() {
        DbOptConfig c = DbOptConfig.empty();
        assertThat(c.get(TestSchema.SIZE)).isEqualTo(1000);
        assertThat(c.find(TestSchema.SIZE)).isEmpty();
        assertThat(c.isSet(TestSchema.SIZE)).isFalse();
        assertThatThrownBy(() -> c.get(TestSchema.MILLIS)).isInstanceOf(DbOptException.class)
                .hasMessageContaining("query.timeout_ms is required");
    }

    @Test
    void typedValuesAreParsedAndChecked() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query.slow_query_threshold", 2);
        m.put("query.timeout_ms", "250");
        m.put("query.log_parameters", "yes");
        m.put("query.mode", "safe-mode");
        m.put("query.tables", "a, b,,c");
        m.put("query.max_bytes", "64MB");
        DbOptConfig c = DbOptConfig.of(m);
        assertThat(c.get(TestSchema.SLOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.get(TestSchema.MILLIS)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.get(TestSchema.FLAG)).isTrue();
        assertThat(c.get(TestSchema.MODE)).isEqualTo(TestSchema.Mode.SAFE_MODE);
        assertThat(c.get(TestSchema.TABLES)).containsExactly("a", "b", "c");
        assertThat(c.get(TestSchema.BYTES)).isEqualTo(64L << 20);
        assertThat(DbOptConfig.of(Map.of("query.slow_query_threshold", Duration.ofMillis(20))).get(TestSchema.SLOW))
                .isEqualTo(Duration.ofMillis(20));
        assertThat(DbOptConfig.of(Map.of("query.mode", TestSchema.Mode.SAFE_MODE)).get(TestSchema.MODE))
                .isEqualTo(TestSchema.Mode.SAFE_MODE);
    }

    @Test
    void badValuesNameKeyValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.max_fingerprints", "0")))
                .isInstanceOf(DbOptException.class)
                .hasMessage("Setting query.max_fingerprints = '0' is not valid: use a whole number, from 1 to 1000000")
                .extracting(e -> ((DbOptException) e).errorCode()).isEqualTo(CoreErrorCode.INVALID_CONFIGURATION);
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.max_fingerprints", "ten")))
                .hasMessageContaining("query.max_fingerprints = 'ten'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.slow_query_threshold", "-1s")))
                .hasMessageContaining("query.slow_query_threshold = '-1s'").hasMessageContaining("duration");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.slow_query_threshold", "0s")))
                .hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.log_parameters", "maybe")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.mode", "slow")))
                .hasMessageContaining("one of [fast, safe-mode]");
    }

    @Test
    void unknownKeyNamesTheNearestKnownOne() {
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("query.max_fingerprint", "10")))
                .isInstanceOf(DbOptException.class)
                .hasMessageContaining("Unknown setting 'query.max_fingerprint'")
                .hasMessageContaining("did you mean 'query.max_fingerprints'?");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("databse_url", "jdbc:postgresql://h/db")))
                .hasMessageContaining("did you mean 'database.url'?");
    }

    @Test
    void keyOfAMissingModuleSaysWhichArtifactToAdd() {
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("pool_size", "10")))
                .hasMessageContaining("read by dbopt-pool, which is not on the class path")
                .hasMessageContaining("io.dbopt:dbopt-pool");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("max_overflow", "10")))
                .hasMessageContaining("dbopt-pool");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("bulk.chunk_size", "10")))
                .hasMessageContaining("dbopt-bulk");
    }

    @Test
    void oneKeyUnderTwoSpellingsWithDifferentValuesFails() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprints", "10");
        m.put("query.max_fingerprints", "20");
        assertThatThrownBy(() -> DbOptConfig.of(m)).hasMessageContaining("given twice")
                .hasMessageContaining("'fingerprints'").hasMessageContaining("'query.max_fingerprints'");
    }

    @Test
    void seedUrlFormBecomesJdbcWithThePasswordKeptApart() {
        DbOptConfig c = DbOptConfig.of(Map.of("database_url", "postgresql://user:p%40ss@localhost:5432/tap_db"));
        DatabaseUrl url = c.requireDatabase();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/tap_db");
        assertThat(url.user()).contains("user");
        assertThat(url.password().reveal()).isEqualTo("p@ss");
        assertThat(url.product()).isEqualTo(DatabaseProduct.POSTGRESQL);
        assertThat(url.toString()).doesNotContain("p@ss").contains("****");
        assertThat(c.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    void driverSuffixesAndMySqlFormsAreRead() {
        assertThat(DatabaseUrl.parse("postgresql+psycopg2://u:s@db/app?sslmode=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db/app?sslmode=require");
        assertThat(DatabaseUrl.parse("postgres://db:5433/app").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/app");
        DatabaseUrl maria = DatabaseUrl.parse("mysql+pymysql://root:pw@127.0.0.1:3306/test?charset=utf8mb4");
        assertThat(maria.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test?charset=utf8mb4");
        assertThat(maria.product()).isEqualTo(DatabaseProduct.MARIADB);
        assertThat(maria.password().reveal()).isEqualTo("pw");
        assertThat(DatabaseUrl.parse("mariadb://[::1]:3306/app").jdbcUrl()).isEqualTo("jdbc:mariadb://[::1]:3306/app");
    }

    @Test
    void jdbcUrlWithCredentialParametersHasThemTakenOut() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/app?user=app&password=hunter2&sslmode=verify-full");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app?sslmode=verify-full");
        assertThat(url.user()).contains("app");
        assertThat(url.password().reveal()).isEqualTo("hunter2");
        assertThat(url.credentials()).containsEntry("password", "hunter2");
    }

    @Test
    void explicitUserAndPasswordWinOverTheUrls() {
        DbOptConfig c = DbOptConfig.of(Map.of("database_url", "postgresql://a:b@h/db", "user", "app",
                "password", "s3cret"));
        DatabaseUrl url = c.requireDatabase();
        assertThat(url.user()).contains("app");
        assertThat(url.password().reveal()).isEqualTo("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void urlsThatNameNoServerFailWithTheUrlMasked() {
        assertThatThrownBy(() -> DatabaseUrl.parse("oracle://u:topsecret@h/db"))
                .isInstanceOf(DbOptException.class).hasMessageContaining("names no supported server")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).hasMessageContaining("has no host");
        assertThatThrownBy(() -> DbOptConfig.empty().requireDatabase()).hasMessageContaining("database_url");
    }

    @Test
    void secretValuesAreMaskedInErrors() {
        assertThat(DbOptConfig.of(Map.of("password", "")).find(CoreKeys.PASSWORD)).isEmpty();
        DbOptConfig c = DbOptConfig.of(Map.of("query.redis_password", "topsecret"));
        assertThat(c.get(TestSchema.TOKEN).reveal()).isEqualTo("topsecret");
        assertThat(c.toString()).doesNotContain("topsecret");
        assertThat(String.valueOf(c.get(TestSchema.TOKEN))).isEqualTo("****");
    }

    @Test
    void environmentVariablesAreRead() {
        DbOptConfig c = DbOptConfig.fromEnvironment(Map.of("DBOPT_QUERY_MAX_FINGERPRINTS", "7", "PATH", "/bin",
                "DBOPT_TEST_POSTGRES_URL", "jdbc:postgresql://x/y", "DBOPT_PASSWORD", "pw"));
        assertThat(c.get(TestSchema.SIZE)).isEqualTo(7);
        assertThat(c.get(CoreKeys.PASSWORD).reveal()).isEqualTo("pw");
        assertThat(c.keys()).hasSize(2);
    }

    @Test
    void propertiesAndFilesAreReadAndLayered(@TempDir Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("dbopt.query.max_fingerprints", "5");
        p.setProperty("spring.datasource.url", "ignored");
        DbOptConfig fromProps = DbOptConfig.fromProperties(p, true);
        assertThat(fromProps.get(TestSchema.SIZE)).isEqualTo(5);

        Path json = dir.resolve("dbopt.json");
        Files.writeString(json, "{\"database\": {\"url\": \"jdbc:mariadb://h/db\"}, \"query\": {\"tables\": [\"a\",\"b\"],"
                + " \"max_fingerprints\": 9}}");
        DbOptConfig fromJson = DbOptConfig.fromFile(json);
        assertThat(fromJson.get(TestSchema.TABLES)).containsExactly("a", "b");
        assertThat(fromJson.get(TestSchema.SIZE)).isEqualTo(9);

        Path props = dir.resolve("dbopt.properties");
        Files.writeString(props, "query.max_fingerprints = 11\nquery.log_parameters = on\n");
        DbOptConfig layered = fromJson.withOverrides(DbOptConfig.fromFile(props));
        assertThat(layered.get(TestSchema.SIZE)).isEqualTo(11);
        assertThat(layered.get(TestSchema.FLAG)).isTrue();
        assertThat(layered.requireDatabase().jdbcUrl()).isEqualTo("jdbc:mariadb://h/db");

        assertThatThrownBy(() -> DbOptConfig.fromFile(dir.resolve("missing.properties")))
                .hasMessageContaining("Cannot read configuration file").hasMessageContaining("missing.properties");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[1,2]");
        assertThatThrownBy(() -> DbOptConfig.fromFile(bad)).hasMessageContaining("one JSON object");
    }

    @Test
    void builderSetsAndRemoves() {
        DbOptConfig c = DbOptConfig.builder().set("fingerprints", 3).set(TestSchema.FLAG, true)
                .set("query.max_fingerprints", 4).set("query.log_parameters", null).build();
        assertThat(c.get(TestSchema.SIZE)).isEqualTo(4);
        assertThat(c.find(TestSchema.FLAG)).isEqualTo(Optional.empty());
    }

    @Test
    void knownKeysListCoreAndModules() {
        assertThat(DbOptConfig.knownKeys()).contains(CoreKeys.URL, CoreKeys.PASSWORD, TestSchema.SIZE);
        assertThat(CoreKeys.DOCTOR_STATEMENT_TIMEOUT.defaultText()).isEqualTo("30s");
    }

    @Test
    void parsesCommandLineDurationsWithBareSeconds() {
        assertThat(DbOptConfig.parseDuration("--lock-timeout", "5")).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(DbOptConfig.parseDuration("--lock-timeout", "250ms")).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(DbOptConfig.parseDuration("--lock-timeout", "PT1M")).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(DbOptConfig.parseDuration("--lock-timeout", "1.5s")).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThatThrownBy(() -> DbOptConfig.parseDuration("--lock-timeout", "soon"))
                .isInstanceOf(DbOptException.class)
                .hasMessageContaining("--lock-timeout").hasMessageContaining("soon");
    }
}
