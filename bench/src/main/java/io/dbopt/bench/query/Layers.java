package io.dbopt.bench.query;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.p6spy.engine.spy.P6DataSource;
import io.dbopt.query.QueryProfiler;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.slf4j.LoggerFactory;

/** The profiling layers compared, each in its default configuration with logging off. */
final class Layers {

    /** The compared layers, in the order the benchmarks print them. */
    static final String[] ALL = {"bare", "dbopt", "datasource-proxy", "p6spy"};

    private Layers() {
    }

    static DataSource wrap(String layer, DataSource pool) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        return switch (layer) {
            case "bare" -> pool;
            case "dbopt" -> QueryProfiler.wrap(pool);
            case "datasource-proxy" -> ProxyDataSourceBuilder.create(pool).listener(new QueryExecutionListener() {
                @Override
                public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                    // a no-op listener: the cost of the proxy alone
                }

                @Override
                public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                    // a no-op listener: the cost of the proxy alone
                }
            }).build();
            case "p6spy" -> {
                System.setProperty("p6spy.config.appender", NoopP6Logger.class.getName());
                System.setProperty("p6spy.config.jmx", "false");
                System.setProperty("p6spy.config.autoflush", "false");
                yield new P6DataSource(pool);
            }
            default -> throw new IllegalArgumentException("Unknown layer " + layer + ": use bare, dbopt, "
                    + "datasource-proxy or p6spy");
        };
    }
}
