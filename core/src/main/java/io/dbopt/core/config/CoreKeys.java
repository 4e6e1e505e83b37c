package io.dbopt.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The settings core reads: where the database is ({@code database.*}) and how the doctor runs ({@code doctor.*}).
 * The seed's {@code database_url} is {@link #URL}.
 */
public final class CoreKeys implements ConfigSchema {

    /** The database URL, JDBC form or SQLAlchemy form; credentials in it are taken out of the URL text. */
    public static final ConfigKey<String> URL = ConfigKey.string("database.url").alias("url").alias("jdbc_url")
            .description("Where the database is: jdbc:postgresql://host:5432/db, jdbc:mariadb://host/db, or the "
                    + "SQLAlchemy form postgresql://user:password@host:5432/db (also postgres://, mysql://, "
                    + "mariadb://, driver suffixes such as postgresql+psycopg2://). A password in the URL is kept "
                    + "apart from the URL text and never shown.")
            .build();

    /** The user name; wins over a user in the URL. */
    public static final ConfigKey<String> USER = ConfigKey.string("database.user").alias("user").alias("username")
            .alias("database.username")
            .description("The user to connect as; wins over a user given in database.url.")
            .build();

    /** The password; wins over a password in the URL. */
    public static final ConfigKey<Secret> PASSWORD = ConfigKey.secret("database.password").alias("password")
            .description("The password (DBOPT_PASSWORD in the environment); wins over one given in database.url. "
                    + "Masked in every message, log and report.")
            .build();

    /** Whether drivers may put row values and statement parameters into their error messages. */
    public static final ConfigKey<Boolean> SHOW_VALUES = ConfigKey.bool("database.show_values").defaultValue(false)
            .description("Let the JDBC drivers of the connections dbopt opens put row values and statement "
                    + "parameters in their error messages (pgjdbc logServerErrorDetail, MariaDB "
                    + "dumpQueriesOnException) and show driver messages unmasked in dbopt's own messages. Off by "
                    + "default, because applications log those messages.")
            .build();

    /** The time limit of each statement the doctor runs. */
    public static final ConfigKey<Duration> DOCTOR_STATEMENT_TIMEOUT = ConfigKey
            .duration("doctor.statement_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(30)).positive()
            .description("Time limit of each catalog statement the doctor runs.")
            .build();

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public CoreKeys() {
        // stateless
    }

    @Override
    public String module() {
        return "dbopt-core";
    }

    @Override
    public List<String> sections() {
        return List.of("database", "doctor");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(URL, USER, PASSWORD, SHOW_VALUES, DOCTOR_STATEMENT_TIMEOUT);
    }
}
