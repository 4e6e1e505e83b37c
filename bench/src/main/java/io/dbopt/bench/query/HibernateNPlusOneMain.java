package io.dbopt.bench.query;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.orm.EntityMappings;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.slf4j.LoggerFactory;

/**
 * An N+1-heavy Hibernate application on PostgreSQL run side by side: bare (HikariCP), through dbopt's profiler
 * (with entity mappings, so every N+1 is found and described), and through datasource-proxy's query counter
 * ({@code countQuery()}), the peer users reach for in tests. A page opens a session and a transaction, loads
 * {@code customers} customers and touches each one's lazy rentals (1 + customers statements). The layers run in
 * turns, round after round, each round led by the next layer (the layer run first after another's garbage was
 * measured cheaper); per round it prints the thread's CPU time and the wall time per page, and the medians
 * of the rounds: the CPU each layer adds per statement and its wall-time ratio to bare. Because a round's layers run
 * back to back, each layer is also compared with bare <em>in the same round</em>: the median of those paired
 * differences (and ratios) is the figure to quote, since it cancels the drift of the machine and of the JIT from round
 * to round; many short rounds (e.g. 300 rounds of 50 pages) give it a tight spread. The first rounds' warm-up runs
 * every layer for {@code max(3 x pages, 3,000)} pages first.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.query.HibernateNPlusOneMain [rounds] [pages per round] [customers]
 * </pre>
 */
public final class HibernateNPlusOneMain {

    /**
     * The layers run, {@code -Dbench.layers=dbopt} for a profile of one layer alone (the paired figures need "bare"
     * first).
     */
    private static final String[] LAYERS = System.getProperty("bench.layers", "bare,dbopt,datasource-proxy")
            .split(",");

    private HibernateNPlusOneMain() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int customers = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TestDatabase db = TestDatabases.create(TestDialect.POSTGRESQL, "orm-bench")) {
            Map<String, SessionFactory> apps = new LinkedHashMap<>();
            List<HikariDataSource> pools = new ArrayList<>();
            QueryProfiler profiler = null;
            for (String layer : LAYERS) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(db.jdbcUrl());
                config.setUsername(db.user());
                config.setPassword(db.password());
                config.setMaximumPoolSize(2);
                config.setPoolName("orm-" + layer);
                HikariDataSource pool = new HikariDataSource(config);
                pools.add(pool);
                DataSource ds = switch (layer) {
                    case "bare" -> pool;
                    case "dbopt" -> QueryProfiler.wrap(pool);
                    default -> ProxyDataSourceBuilder.create(pool).countQuery().build();
                };
                SessionFactory sf = sessionFactory(ds, apps.isEmpty());
                if (ds instanceof ProfiledDataSource profiled) {
                    profiler = QueryProfiler.of(profiled).orElseThrow();
                    profiler.useEntityMappings(EntityMappings.of(sf));
                }
                if (apps.isEmpty()) {
                    populate(sf, customers);
                }
                apps.put(layer, sf);
            }
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            Map<String, List<Double>> wall = new LinkedHashMap<>();
            for (String layer : LAYERS) {
                cpu.put(layer, new ArrayList<>());
                wall.put(layer, new ArrayList<>());
            }
            int warmupPages = Math.max(3 * pages, 3_000);
            for (SessionFactory sf : apps.values()) {
                pages(sf, warmupPages);
            }
            boolean everyRound = rounds <= 30;
            int statements = customers + 1;
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (int k = 0; k < LAYERS.length; k++) {
                    String layer = LAYERS[(round + k) % LAYERS.length]; // each layer leads in turn
                    long c0 = threads.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    pages(apps.get(layer), pages);
                    double c = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / pages;
                    double w = (System.nanoTime() - w0) / 1e3 / pages;
                    cpu.get(layer).add(c);
                    wall.get(layer).add(w);
                    line.append(String.format(Locale.ROOT, "  %s cpu %.1f us wall %.1f us per page", layer, c, w));
                }
                if (everyRound) {
                    System.out.println(line);
                }
            }
            if (!cpu.containsKey("bare")) {
                System.out.printf(Locale.ROOT, "%s: cpu %.1f us/page, wall %.1f us/page (no bare layer to compare)%n",
                        LAYERS[0], median(cpu.get(LAYERS[0])), median(wall.get(LAYERS[0])));
                apps.values().forEach(SessionFactory::close);
                pools.forEach(HikariDataSource::close);
                return;
            }
            double bareCpu = median(cpu.get("bare"));
            double bareWall = median(wall.get("bare"));
            System.out.printf(Locale.ROOT, "%d statements per page (1 + %d lazy loads), medians of %d rounds of %d "
                    + "pages%n", statements, customers, rounds, pages);
            for (String layer : LAYERS) {
                double c = median(cpu.get(layer));
                double w = median(wall.get(layer));
                System.out.printf(Locale.ROOT, "%-17s cpu %.1f us/page (+%.2f us per statement)  wall %.1f us/page "
                        + "(%.3fx bare)%n", layer, c, (c - bareCpu) / statements, w, w / bareWall);
            }
            System.out.printf(Locale.ROOT, "paired with bare in the same round (median of %d rounds, the figure to "
                    + "quote)%n", rounds);
            for (String layer : LAYERS) {
                if (layer.equals("bare")) {
                    continue;
                }
                List<Double> added = new ArrayList<>();
                List<Double> ratio = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    added.add((cpu.get(layer).get(r) - cpu.get("bare").get(r)) / statements);
                    ratio.add(wall.get(layer).get(r) / wall.get("bare").get(r));
                }
                List<Double> sortedAdded = new ArrayList<>(added);
                Collections.sort(sortedAdded);
                System.out.printf(Locale.ROOT, "%-17s cpu +%.2f us per statement (quartiles %.2f .. %.2f)  wall "
                        + "%.3fx bare%n", layer, median(added), sortedAdded.get(rounds / 4),
                        sortedAdded.get(rounds * 3 / 4), median(ratio));
            }
            if (profiler != null) {
                System.out.println("dbopt found: " + profiler.nPlusOne().stream().map(n -> n.association() + " x"
                        + n.executions() + " [" + n.trigger() + "] " + n.callSite()).toList());
            }
            apps.values().forEach(SessionFactory::close);
            pools.forEach(HikariDataSource::close);
        }
    }

    private static SessionFactory sessionFactory(DataSource ds, boolean create) {
        Configuration cfg = new Configuration().addAnnotatedClass(OrmCustomer.class)
                .addAnnotatedClass(OrmRental.class);
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
        cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, create ? "create" : "none");
        cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        return cfg.buildSessionFactory();
    }

    private static void populate(SessionFactory sf, int customers) {
        sf.inTransaction(s -> {
            long id = 1;
            for (int c = 1; c <= customers; c++) {
                OrmCustomer customer = new OrmCustomer(c, "customer " + c);
                s.persist(customer);
                for (int r = 0; r < 3; r++) {
                    s.persist(new OrmRental(id++, customer, r * 100L));
                }
            }
        });
    }

    /** The N+1 page, {@code n} times. */
    private static long pages(SessionFactory sf, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try (Session s = sf.openSession()) {
                s.beginTransaction();
                for (OrmCustomer c : s.createQuery("from OrmCustomer c order by c.id", OrmCustomer.class)
                        .getResultList()) {
                    sum += c.rentals().size();
                }
                s.getTransaction().commit();
            }
        }
        return sum;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
