package io.dbopt.migration.history;

import io.dbopt.core.jdbc.ForwardingDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data source a PostgreSQL {@code migrate} run of Flyway uses: on every connection it hands out it turns
 * pgjdbc's {@code flushCacheOnDdl} off, and back to what it was when Flyway closes the connection, so the pool gets
 * the connection as it lent it.
 *
 * <p>Why: pgjdbc (42.7.13 and later, {@code flushCacheOnDdl=true} by default) forgets every server-prepared statement
 * of a connection when it sees a {@code CREATE}, {@code ALTER} or {@code DROP} complete on it. Under the session-level
 * advisory lock dbopt configures, Flyway reads and writes its history on the connection that runs the migrations,
 * so after every migration's DDL its bookkeeping statements ({@code Table.exists}, the history {@code SELECT}, the
 * schema {@code COUNT(*)}, the history {@code INSERT}, ...) are parsed again as new server statements, which
 * PostgreSQL plans anew on each of their first five executions: about ten plans per migration instead of none.
 *
 * <p>Why it is safe here: the flush exists so that a server-prepared statement whose result columns a DDL changed is
 * parsed again instead of failing with "cached plan must not change result type". In a dbopt run the scripts'
 * statements go through plain {@code Statement.execute}, which pgjdbc never prepares on the server (unless the URL
 * sets {@code preferQueryMode=extendedCacheEverything}: then this wrapper leaves the setting alone), and dbopt runs
 * no Java migrations; what pgjdbc prepares on the server is Flyway's and dbopt's own bookkeeping, whose result
 * columns are fixed (catalogs, the history and state tables). PostgreSQL itself still re-plans a kept statement when
 * a table it reads changes; {@code DEALLOCATE ALL}, {@code DISCARD ALL} and {@code SET search_path} still flush.
 * Other drivers, and pgjdbc versions without the setting, are left untouched. Thread-safe as the delegate is; never
 * closes the delegate.
 */
final class StatementKeepingDataSource extends ForwardingDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(StatementKeepingDataSource.class);

    private final List<ClassLoader> loaders;

    StatementKeepingDataSource(DataSource delegate, ClassLoader userLoader) {
        super(delegate);
        this.loaders = Stream.of(userLoader, StatementKeepingDataSource.class.getClassLoader())
                .filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return keep(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return keep(delegate.getConnection(username, password));
    }

    private Connection keep(Connection connection) throws SQLException {
        Optional<DdlFlush> flush;
        try {
            flush = DdlFlush.of(connection, loaders);
            if (flush.isPresent()) {
                flush.get().set(false);
            }
        } catch (SQLException | RuntimeException e) {
            RestoringConnection.closeAfter(connection, e);
            throw e;
        }
        return flush.<Connection>map(f -> new RestoringConnection(connection, c -> f.restore())).orElse(connection);
    }

    /** pgjdbc's {@code flushCacheOnDdl} of one connection, reached by reflection (the driver is the user's). */
    private static final class DdlFlush {
        private final Object executor;
        private final Method setter;
        private final boolean original;

        private DdlFlush(Object executor, Method setter, boolean original) {
            this.executor = executor;
            this.setter = setter;
            this.original = original;
        }

        /**
         * The setting of a pgjdbc connection that has it and does not cache plain statements' queries; empty for
         * any other connection.
         */
        static Optional<DdlFlush> of(Connection connection, List<ClassLoader> loaders) throws SQLException {
            for (ClassLoader loader : loaders) {
                Class<?> base = load("org.postgresql.core.BaseConnection", loader);
                if (base == null || !connection.isWrapperFor(base)) {
                    continue;
                }
                Object pg = connection.unwrap(base);
                if (!base.isInstance(pg)) {
                    return Optional.empty(); // a wrapper that answers unwrap with another wrapper: leave it alone
                }
                try {
                    Object mode = base.getMethod("getPreferQueryMode").invoke(pg);
                    if (mode instanceof Enum<?> e && e.name().equals("EXTENDED_CACHE_EVERYTHING")) {
                        return Optional.empty(); // plain statements are prepared on the server too: keep the flush
                    }
                    Object executor = base.getMethod("getQueryExecutor").invoke(pg);
                    Class<?> type = load("org.postgresql.core.QueryExecutor", base.getClassLoader());
                    if (type == null) {
                        return Optional.empty();
                    }
                    Method getter = type.getMethod("isFlushCacheOnDdl");
                    Method setter = type.getMethod("setFlushCacheOnDdl", boolean.class);
                    return Optional.of(new DdlFlush(executor, setter, (Boolean) getter.invoke(executor)));
                } catch (NoSuchMethodException e) {
                    LOG.debug("migration-session - pgjdbc without flushCacheOnDdl: nothing to keep");
                    return Optional.empty();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // only slower without it: the run goes on with the driver's setting as it is
                    LOG.debug("migration-session - pgjdbc's flushCacheOnDdl could not be read: {}", e.toString());
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }

        void set(boolean value) throws SQLException {
            try {
                setter.invoke(executor, value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new SQLException("Setting pgjdbc's flushCacheOnDdl of a migration connection failed", e);
            }
        }

        void restore() throws SQLException {
            set(original);
        }

        private static Class<?> load(String name, ClassLoader loader) {
            try {
                return loader == null ? null : Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
    }
}
