package io.dbopt.testkit;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The servers dbopt's tests run on. */
public enum TestDialect {
    /** PostgreSQL. */
    POSTGRESQL("postgresql", "DBOPT_TEST_POSTGRES_URL", 5432),
    /** MariaDB. */
    MARIADB("mariadb", "DBOPT_TEST_MARIADB_URL", 3306);

    /** The system property that narrows a run to some dialects, e.g. {@code -Ddbopt.test.dialects=postgresql}. */
    public static final String DIALECTS_PROPERTY = "dbopt.test.dialects";

    private final String id;
    private final String urlVariable;
    private final int defaultPort;

    TestDialect(String id, String urlVariable, int defaultPort) {
        this.id = id;
        this.urlVariable = urlVariable;
        this.defaultPort = defaultPort;
    }

    /** The lower-case name used in properties and display names. */
    public String id() {
        return id;
    }

    /** The environment variable (or system property of the same name) holding an explicit JDBC URL. */
    public String urlVariable() {
        return urlVariable;
    }

    /** The server's default TCP port. */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * The dialects this run covers: every dialect unless {@value #DIALECTS_PROPERTY} narrows it explicitly.
     *
     * @throws IllegalArgumentException when the property names an unknown dialect
     */
    public static Set<TestDialect> enabled() {
        String value = System.getProperty(DIALECTS_PROPERTY, "");
        if (value.isBlank() || value.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(TestDialect.class);
        }
        EnumSet<TestDialect> result = EnumSet.noneOf(TestDialect.class);
        for (String part : value.split(",")) {
            String wanted = part.trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            TestDialect match = null;
            for (TestDialect d : values()) {
                if (d.id.equals(wanted)) {
                    match = d;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException(DIALECTS_PROPERTY + " names unknown dialect '" + part
                        + "': use postgresql, mariadb or all");
            }
            result.add(match);
        }
        return result;
    }
}
