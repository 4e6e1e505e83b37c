/**
 * The pool's physical connections: {@link io.dbopt.pool.driver.ConnectionFactory} opens them through the JDBC driver
 * (or the user's data source) for HikariCP and wraps each in a {@link io.dbopt.pool.driver.TrackedConnection} that
 * knows its server session id and can be condemned; {@link io.dbopt.pool.driver.DriverKind} knows the timeout and
 * application-name properties of pgjdbc and MariaDB Connector/J. Knows nothing of lending.
 */
package io.dbopt.pool.driver;
