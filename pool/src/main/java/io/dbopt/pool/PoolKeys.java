package io.dbopt.pool;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every setting of dbopt-pool (section {@code pool}), read from a {@link io.dbopt.core.config.DbOptConfig} by
 * {@link ConnectionPoolManager#create(io.dbopt.core.config.DbOptConfig)} and
 * {@link ConnectionPoolManager.Builder#config(io.dbopt.core.config.DbOptConfig)}; the database itself is core's
 * {@code database.url} (the seed's {@code database_url}, JDBC or SQLAlchemy form), {@code database.user} and
 * {@code database.password}.
 *
 * <p>The seed's flat keys name these keys directly: {@code pool_size} is {@link #SIZE} ({@code pool.size}),
 * {@code pool_timeout} {@link #TIMEOUT}, {@code pool_recycle} {@link #RECYCLE}, {@code pool_pre_ping}
 * {@link #PRE_PING}, {@code pool_use_lifo} {@link #USE_LIFO}; {@code max_overflow} and {@code echo_pool} are aliases
 * of {@link #MAX_OVERFLOW} and {@link #ECHO}. Bare numbers are seconds in the seed's keys and milliseconds in
 * HikariCP's names ({@code connection_timeout}, {@code max_lifetime}, {@code idle_timeout},
 * {@code leak_detection_threshold}), as each convention has it. The builder's defaults are these keys' defaults.
 * Stateless; the constants are immutable.
 */
public final class PoolKeys implements ConfigSchema {

    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9 ._/@#+=-]{1,63}");
    private static final String NAME_RULE = "1 to 63 characters of letters, digits, space and . _ / @ # + = - (the "
            + "server truncates longer names; MariaDB's connection attributes forbid : and ,)";
    /** How {@link #RECYCLE} reads a duration; not a setting of its own. */
    private static final ConfigKey<Duration> RECYCLE_DURATION = ConfigKey.duration("pool.recycle", ChronoUnit.SECONDS)
            .check(d -> d.isZero() || d.compareTo(Duration.ofSeconds(30)) >= 0, "0 (never) or at least 30s")
            .build();

    /** {@code pool_size}: connections kept open, and the floor of adaptive sizing. */
    public static final ConfigKey<Integer> SIZE = ConfigKey.integer("pool.size").alias("pool.minimum_idle")
            .defaultValue(5).range(0, 10_000)
            .description("pool_size: connections kept open (HikariCP minimumIdle), and the floor adaptive sizing never "
                    + "goes below.")
            .build();

    /** {@code max_overflow}: how many connections above {@link #SIZE} the pool may open. */
    public static final ConfigKey<Integer> MAX_OVERFLOW = ConfigKey.integer("pool.max_overflow").alias("max_overflow")
            .defaultValue(10).range(0, 10_000)
            .description("How many connections above pool_size the pool may open (HikariCP maximumPoolSize = "
                    + "pool_size + max_overflow); with adaptive sizing, the range it moves in.")
            .build();

    /** HikariCP's {@code maximumPoolSize}: the largest the pool may be; another way to give {@link #MAX_OVERFLOW}. */
    public static final ConfigKey<Integer> MAXIMUM_POOL_SIZE = ConfigKey.integer("pool.maximum_pool_size")
            .range(1, 20_000)
            .defaultText("pool.size + pool.max_overflow")
            .description("HikariCP's name for the largest the pool may be; sets max_overflow to maximum_pool_size - "
                    + "pool_size. Give it or max_overflow, not both.")
            .build();

    /** {@code pool_timeout}: how long a borrower waits for a connection. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("pool.timeout", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(30))
            .check(d -> d.compareTo(Duration.ofMillis(250)) >= 0, "at least 250ms")
            .description("pool_timeout: how long a borrower waits for a connection before a PoolAcquireException "
                    + "(HikariCP connectionTimeout); bare numbers are seconds.")
            .build();

    /** HikariCP's {@code connectionTimeout}, in milliseconds when bare: another way to give {@link #TIMEOUT}. */
    public static final ConfigKey<Duration> CONNECTION_TIMEOUT = ConfigKey
            .duration("pool.connection_timeout", ChronoUnit.MILLIS)
            .check(d -> d.compareTo(Duration.ofMillis(250)) >= 0, "at least 250ms")
            .defaultText("pool.timeout")
            .description("HikariCP's name for pool_timeout; bare numbers are milliseconds. Give one of the two.")
            .build();

    /**
     * {@code pool_recycle}: the longest a connection lives; {@code -1} or {@code 0} for never, else a duration of at
     * least 30 seconds (bare numbers are seconds). Kept as text, because {@code -1} is not a duration; the builder
     * reads it with {@link #recycle(String)}.
     */
    public static final ConfigKey<String> RECYCLE = ConfigKey.string("pool.recycle")
            .defaultValue("30m")
            .check(PoolKeys::validRecycle, "-1 or 0 (never), or at least 30s")
            .description("pool_recycle: the longest a connection lives before it is replaced (HikariCP maxLifetime); "
                    + "-1 or 0 for never; bare numbers are seconds.")
            .build();

    /** HikariCP's {@code maxLifetime}, in milliseconds when bare: another way to give {@link #RECYCLE}. */
    public static final ConfigKey<Duration> MAX_LIFETIME = ConfigKey.duration("pool.max_lifetime", ChronoUnit.MILLIS)
            .check(d -> d.isZero() || d.compareTo(Duration.ofSeconds(30)) >= 0, "0 (never) or at least 30s")
            .defaultText("pool.recycle")
            .description("HikariCP's name for pool_recycle; bare numbers are milliseconds, 0 for never. Give one of "
                    + "the two.")
            .build();

    /** {@code pool_pre_ping}: validate a connection idle for more than 500 ms before lending it. */
    public static final ConfigKey<Boolean> PRE_PING = ConfigKey.bool("pool.pre_ping").defaultValue(true)
            .description("pool_pre_ping: validate a connection idle for more than 500 ms before lending it "
                    + "(HikariCP's alive check; SQLAlchemy pings at every checkout); false lends idle connections "
                    + "unchecked.")
            .build();

    /** {@code pool_use_lifo}: accepted and explained at start; HikariCP has no LIFO/FIFO switch. */
    public static final ConfigKey<Boolean> USE_LIFO = ConfigKey.bool("pool.use_lifo").defaultValue(false)
            .description("pool_use_lifo: HikariCP has no LIFO/FIFO switch; it always lends the connection the "
                    + "borrowing thread returned last, else the first idle one in creation order, so spare "
                    + "connections stay idle and idle_timeout retires them (what LIFO is used for). Setting it "
                    + "changes nothing and says so once at start.")
            .build();

    /** {@code echo_pool}: log every checkout, return, creation and eviction at INFO. */
    public static final ConfigKey<Boolean> ECHO = ConfigKey.bool("pool.echo").alias("echo_pool").defaultValue(false)
            .description("echo_pool: log every checkout, return, creation, eviction and resize at INFO on the logger "
                    + "io.dbopt.pool.events (when false, the same lines at DEBUG when that logger is at DEBUG).")
            .build();

    /** The pool's name: the first word of its log lines and its {@code pool} metric tag. */
    public static final ConfigKey<String> NAME = ConfigKey.string("pool.name").defaultValue("dbopt")
            .check(v -> NAME_PATTERN.matcher(v).matches(), NAME_RULE)
            .description("The pool's name: the first word of its log lines, its threads' names and the pool tag of "
                    + "its meters.")
            .build();

    /** The application name the server attributes the pool's sessions to. */
    public static final ConfigKey<String> APPLICATION_NAME = ConfigKey.string("pool.application_name")
            .check(v -> NAME_PATTERN.matcher(v).matches(), NAME_RULE)
            .defaultText("pool.name")
            .description("The application name the server attributes sessions to (PostgreSQL application_name, "
                    + "MariaDB program_name); all instances of one application should share it, the cluster budget "
                    + "counts sessions by it.")
            .build();

    /** The JDBC driver class, when the driver does not register itself. */
    public static final ConfigKey<String> DRIVER_CLASS_NAME = ConfigKey.string("pool.driver_class_name")
            .description("The JDBC driver class, when the driver does not register itself with DriverManager.")
            .build();

    /** How long a connection above {@link #SIZE} may sit idle; HikariCP's {@code idleTimeout}. */
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("pool.idle_timeout", ChronoUnit.MILLIS)
            .defaultValue(Duration.ofMinutes(10))
            .check(d -> d.isZero() || d.compareTo(Duration.ofSeconds(10)) >= 0, "0 (never) or at least 10s")
            .description("How long a connection above pool_size may sit idle before it is closed (HikariCP "
                    + "idleTimeout); bare numbers are milliseconds.")
            .build();

    /** The driver's socket timeout. */
    public static final ConfigKey<Duration> SOCKET_TIMEOUT = ConfigKey.duration("pool.socket_timeout",
                    ChronoUnit.SECONDS)
            .defaultValue(Duration.ofMinutes(5)).notNegative()
            .description("The driver's socket timeout, the longest a statement waits for the server's next byte; 0 "
                    + "means none, which lets a silent server hang borrowers (warned at start). A value in the URL "
                    + "wins.")
            .build();

    /** The driver's connect timeout. */
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.duration("pool.connect_timeout",
                    ChronoUnit.SECONDS)
            .positive()
            .defaultText("the smaller of 10s and pool.timeout")
            .description("The driver's connect timeout. A value in the URL wins.")
            .build();

    /** Borrows held longer are reported as suspected leaks; zero turns leak detection off. */
    public static final ConfigKey<Duration> LEAK_THRESHOLD = ConfigKey.duration("pool.leak_threshold",
                    ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(60))
            .check(d -> d.isZero() || d.compareTo(Duration.ofMillis(100)) >= 0, "0 (off) or at least 100ms")
            .description("Borrows held longer are reported as suspected leaks (WARN with a stack, health finding); "
                    + "0 turns leak detection off.")
            .build();

    /** HikariCP's {@code leakDetectionThreshold}, in milliseconds when bare: another way to give the threshold. */
    public static final ConfigKey<Duration> LEAK_DETECTION_THRESHOLD = ConfigKey
            .duration("pool.leak_detection_threshold", ChronoUnit.MILLIS)
            .check(d -> d.isZero() || d.compareTo(Duration.ofMillis(100)) >= 0, "0 (off) or at least 100ms")
            .defaultText("pool.leak_threshold")
            .description("HikariCP's name for leak_threshold; bare numbers are milliseconds (dbopt's own leak "
                    + "detection does the work; HikariCP's stays off). Give one of the two.")
            .build();

    /** When the borrowing stack trace is recorded for leak reports. */
    public static final ConfigKey<LeakCapture> LEAK_CAPTURE = ConfigKey.enumValue("pool.leak_capture",
                    LeakCapture.class)
            .defaultValue(LeakCapture.ON_SUSPICION)
            .description("When borrow stack traces are recorded for leak reports: always (a few microseconds per "
                    + "borrow), on-suspicion (for ten minutes after a suspected leak) or never.")
            .build();

    /** How often the health check reconciles the pool with the server. */
    public static final ConfigKey<Duration> HEALTH_CHECK_INTERVAL = ConfigKey
            .duration("pool.health_check_interval", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(30))
            .check(d -> d.isZero() || d.compareTo(Duration.ofMillis(100)) >= 0, "0 (never) or at least 100ms")
            .description("How often the background health check reconciles the pool with the server's sessions, "
                    + "validates idle connections and logs its findings; 0 for never.")
            .build();

    /** The time limit of each catalog query the pool runs on its own behalf. */
    public static final ConfigKey<Duration> MONITOR_QUERY_TIMEOUT = ConfigKey
            .duration("pool.monitor_query_timeout", ChronoUnit.SECONDS)
            .defaultValue(Duration.ofSeconds(5))
            .check(d -> d.compareTo(Duration.ofSeconds(1)) >= 0, "at least 1s")
            .description("Time limit of each catalog query the pool runs on its own monitor connection.")
            .build();

    /** Turns adaptive sizing on with the default policy. */
    public static final ConfigKey<Boolean> ADAPTIVE = ConfigKey.bool("pool.adaptive").alias("pool.adaptive_sizing")
            .defaultValue(false)
            .description("Adaptive sizing with the default policy: the maximum moves between pool_size and pool_size "
                    + "+ max_overflow with the load.")
            .build();

    /** The most sessions all instances sharing the application name may hold together; zero for no budget. */
    public static final ConfigKey<Integer> CLUSTER_BUDGET = ConfigKey.integer("pool.cluster_budget").defaultValue(0)
            .range(0, 100_000)
            .description("The most sessions all instances sharing the application name may hold on the server "
                    + "together; adaptive sizing plans within it and shrinks when it is exceeded. 0 for none.")
            .build();

    /** Connections adaptive sizing leaves free below the server's limit. */
    public static final ConfigKey<Integer> SERVER_RESERVE = ConfigKey.integer("pool.server_reserve").defaultValue(3)
            .range(0, 10_000)
            .description("Connections adaptive sizing leaves free below max_connections for administrators.")
            .build();

    /** Fail the build, rather than warn, when a setting would let a hung server hang the application. */
    public static final ConfigKey<Boolean> REFUSE_UNSAFE_SETTINGS = ConfigKey.bool("pool.refuse_unsafe_settings")
            .defaultValue(false)
            .description("Refuse to start, rather than warn, when the driver's socket timeout is 0.")
            .build();

    /** Whether the build fails when no first connection can be opened. */
    public static final ConfigKey<Boolean> FAIL_FAST = ConfigKey.bool("pool.fail_fast").defaultValue(true)
            .description("Fail at start when no first connection can be opened; false starts empty and fills once "
                    + "the database answers.")
            .build();

    private static final List<ConfigKey<?>> ALL = List.of(SIZE, MAX_OVERFLOW, MAXIMUM_POOL_SIZE, TIMEOUT,
            CONNECTION_TIMEOUT, RECYCLE, MAX_LIFETIME, PRE_PING, USE_LIFO, ECHO, NAME, APPLICATION_NAME,
            DRIVER_CLASS_NAME, IDLE_TIMEOUT, SOCKET_TIMEOUT, CONNECT_TIMEOUT, LEAK_THRESHOLD, LEAK_DETECTION_THRESHOLD,
            LEAK_CAPTURE, HEALTH_CHECK_INTERVAL, MONITOR_QUERY_TIMEOUT, ADAPTIVE, CLUSTER_BUDGET, SERVER_RESERVE,
            REFUSE_UNSAFE_SETTINGS, FAIL_FAST);

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public PoolKeys() {
        // stateless
    }

    /**
     * Reads a {@link #RECYCLE} value: {@code -1} and {@code 0} are {@link Duration#ZERO} (never), anything else a
     * duration with bare numbers in seconds.
     *
     * @throws io.dbopt.core.DbOptException naming {@code pool.recycle} when the text is neither
     */
    public static Duration recycle(String text) {
        String t = text.trim();
        return t.equals("-1") ? Duration.ZERO : RECYCLE_DURATION.parse(t);
    }

    private static boolean validRecycle(String text) {
        try {
            recycle(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String module() {
        return "dbopt-pool";
    }

    @Override
    public List<String> sections() {
        return List.of("pool");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return ALL;
    }
}
