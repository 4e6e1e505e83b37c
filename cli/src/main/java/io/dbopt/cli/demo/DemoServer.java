package io.dbopt.cli.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * The embedded PostgreSQL the demo runs on (zonky's binaries, PostgreSQL 17), with {@code pg_stat_statements}
 * preloaded so server-side query statistics exist. Closing it stops the server and deletes its data.
 */
public final class DemoServer implements AutoCloseable {

    /** The database the demo application lives in. */
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private DemoServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server on a free port. */
    public static DemoServer start() {
        try {
            return new DemoServer(EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all")
                    .setServerConfig("track_io_timing", "on")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** A data source for the demo database, one new connection per call (no pool). */
    public DataSource dataSource() {
        return postgres.getDatabase("postgres", DATABASE);
    }

    /** The JDBC URL of the demo database (no password: the embedded server trusts local connections). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
