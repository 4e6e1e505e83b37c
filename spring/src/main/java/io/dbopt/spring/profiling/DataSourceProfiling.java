package io.dbopt.spring.profiling;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryProfiler;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Records the statements of every {@code DataSource} bean with the application's {@link QueryProfiler}.
 *
 * <p>A HikariCP pool that has not started yet (Spring Boot's own, and any the application declares) stays the same
 * bean, of the same type: the profiler goes beneath it, on the pool's physical connections
 * ({@link HikariDataSource#setDataSource(DataSource)} with HikariCP's own driver data source over the pool's URL,
 * driver, properties and credentials). Everything that asks for a {@code HikariDataSource} (Spring Boot's pool
 * metadata and metrics, JMX, checkpoint-restore, the application's own injection points) keeps working, and the
 * pool's borrow path carries no wrapper. The profiler then sees every statement and transaction the application
 * runs through the pool; it does not see borrows and returns, which the pool module counts.
 *
 * <p>Any other data source (a pool that has started, one configured by {@code dataSourceClassName}, another pool
 * library) is replaced by a {@link ProfiledDataSource} around it, which answers {@code unwrap} for the original.
 * Data sources already profiled are left alone. Thread-safe.
 */
public final class DataSourceProfiling implements BeanPostProcessor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceProfiling.class);

    private final Supplier<QueryProfiler> profiler;

    /**
     * @param profiler the profiler, looked up when the first data source is created (so that this post-processor
     *     creates no bean early)
     */
    public DataSourceProfiling(Supplier<QueryProfiler> profiler) {
        this.profiler = Objects.requireNonNull(profiler, "profiler");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof ProfiledDataSource) {
            return bean;
        }
        QueryProfiler p = profiler.get();
        if (bean instanceof HikariDataSource hikari && profileBeneath(hikari, p)) {
            LOG.info("{} - profiling data source {} beneath its HikariCP pool", p.name(), beanName);
            return hikari;
        }
        LOG.info("{} - profiling data source {} through a wrapper ({})", p.name(), beanName,
                dataSource.getClass().getName());
        return p.instrument(dataSource);
    }

    /** Puts the profiler under a pool that has not started; false when that cannot be done. */
    static boolean profileBeneath(HikariDataSource hikari, QueryProfiler profiler) {
        if (hikari.isClosed() || hikari.getHikariPoolMXBean() != null || hikari.getDataSourceClassName() != null) {
            return false;
        }
        DataSource physical = hikari.getDataSource();
        if (physical instanceof ProfiledDataSource) {
            return true;
        }
        if (physical == null) {
            if (hikari.getJdbcUrl() == null) {
                return false;
            }
            physical = new DriverDataSource(hikari.getJdbcUrl(), hikari.getDriverClassName(),
                    hikari.getDataSourceProperties(), hikari.getUsername(), hikari.getPassword());
        }
        hikari.setDataSource(profiler.instrument(physical));
        return true;
    }

    /** Runs after Spring's own post-processors, so that the profiler wraps the finished bean. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
