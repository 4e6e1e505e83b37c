package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String SECRET = "s3cr3t-Marker";

    @Test
    void masksPasswordParametersInUrls() {
        assertThat(Redaction.redactUrl("jdbc:postgresql://h:5432/db?user=app&password=" + SECRET + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=app&password=****&ssl=true");
        assertThat(Redaction.redactUrl("jdbc:mariadb://h/db?sslPassword=" + SECRET)).doesNotContain(SECRET);
        assertThat(Redaction.redactUrl("jdbc:sqlserver://h;user=a;password=" + SECRET + ";db=x"))
                .isEqualTo("jdbc:sqlserver://h;user=a;password=****;db=x");
    }

    @Test
    void masksCredentialsInTheAuthority() {
        assertThat(Redaction.redactUrl("jdbc:mariadb://app:" + SECRET + "@db.example:3306/x"))
                .isEqualTo("jdbc:mariadb://app:****@db.example:3306/x");
        assertThat(Redaction.redactText("redis://:" + SECRET + "@cache:6379")).doesNotContain(SECRET);
    }

    @Test
    void masksSqlPasswordClausesAndFreeText() {
        assertThat(Redaction.redactText("ALTER USER app IDENTIFIED BY '" + SECRET + "'")).doesNotContain(SECRET);
        assertThat(Redaction.redactText("CREATE ROLE app PASSWORD '" + SECRET + "'")).doesNotContain(SECRET);
        assertThat(Redaction.redactText("connect failed: password: " + SECRET)).doesNotContain(SECRET);
        assertThat(Redaction.redactText("nothing secret here")).isEqualTo("nothing secret here");
    }

    @Test
    void masksValuesInDriverText() {
        // the texts as pgjdbc 42.7 and MariaDB Connector/J 3.5 write them
        assertThat(Redaction.redactDriverText("ERROR: duplicate key value violates unique constraint \"t_v_key\"\n"
                + "  Detail: Key (v)=(" + SECRET + ") already exists.")).doesNotContain(SECRET)
                .isEqualTo("ERROR: duplicate key value violates unique constraint \"t_v_key\"");
        assertThat(Redaction.redactDriverText("Batch entry 1 INSERT INTO t(v) VALUES (('" + SECRET + "')) was aborted: "
                + "ERROR: duplicate key")).isEqualTo("Batch entry 1 **** was aborted: ERROR: duplicate key");
        assertThat(Redaction.redactDriverText("ERROR: invalid input syntax for type integer: \"" + SECRET + "\""))
                .isEqualTo("ERROR: invalid input syntax for type integer: \"****\"");
        assertThat(Redaction.redactDriverText("(conn=8) Duplicate entry '" + SECRET + "' for key 'v'"))
                .doesNotContain(SECRET).startsWith("(conn=8) Duplicate entry '****'");
        assertThat(Redaction.redactDriverText("(conn=8) Truncated incorrect INTEGER value: 'it''s " + SECRET + "'"))
                .doesNotContain(SECRET);
        assertThat(Redaction.redactDriverText("Failing row contains (" + SECRET + ", -1).")).doesNotContain(SECRET);
        assertThat(Redaction.redactDriverText("ERROR: relation \"orders\" does not exist"))
                .isEqualTo("ERROR: relation \"orders\" does not exist");
        assertThat(Redaction.redactDriverText((String) null)).isEmpty();
    }

    @Test
    void isIdempotent() {
        String once = Redaction.redactUrl("jdbc:postgresql://h/db?password=" + SECRET);
        assertThat(Redaction.redactUrl(once)).isEqualTo(once);
    }

    @Test
    void masksSecretPropertiesByKey() {
        Properties p = new Properties();
        p.setProperty("user", "app");
        p.setProperty("password", SECRET);
        p.setProperty("sslkeyPassword", SECRET);
        Properties safe = Redaction.redact(p);
        assertThat(safe.getProperty("user")).isEqualTo("app");
        assertThat(safe.toString()).doesNotContain(SECRET);
    }

    @Test
    void exceptionMessagesAreRedacted() {
        DbOptException e = new DbOptException(CoreErrorCode.CONNECTION_FAILED,
                "cannot reach jdbc:postgresql://h/db?password=" + SECRET);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(e.toString()).contains("CORE_CONNECTION_FAILED");
    }
}
