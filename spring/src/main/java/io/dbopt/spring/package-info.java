/**
 * Spring Boot auto-configuration for dbopt: properties under {@code dbopt.*} fed into the one
 * {@link io.dbopt.core.config.DbOptConfig}, the query profiler around the application's {@code DataSource}, an adopted
 * HikariCP pool, every module's meters in the application's {@code MeterRegistry}, a health indicator, the
 * {@code dbopt} actuator endpoint serving the doctor's report, and migration lint on startup.
 */
package io.dbopt.spring;
