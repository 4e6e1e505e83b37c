/**
 * Puts the query profiler around the application's {@code DataSource} beans, keeping a HikariCP pool the bean it
 * was.
 */
package io.dbopt.spring.profiling;
