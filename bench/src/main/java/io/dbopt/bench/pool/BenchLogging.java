package io.dbopt.bench.pool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiets logging for the pool benchmarks: without a logback configuration on the class path logback logs at DEBUG,
 * which would measure the pools' debug logging (dbopt's event log, HikariCP's housekeeping) instead of the pools.
 */
final class BenchLogging {

    private BenchLogging() {
    }

    static void quiet() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    /** Logs the adaptive sizer's resizes (INFO, one line each) on top of {@link #quiet()}. */
    static void sizing() {
        ((Logger) LoggerFactory.getLogger("io.dbopt.pool.sizing.Sizer")).setLevel(Level.INFO);
    }
}
