/**
 * JDBC helpers that bind every value and close every resource, the loader of per-dialect SQL resources, and the one
 * JDBC forwarding layer ({@link io.dbopt.core.jdbc.ForwardingDataSource},
 * {@link io.dbopt.core.jdbc.ForwardingConnection}, {@link io.dbopt.core.jdbc.ForwardingStatement},
 * {@link io.dbopt.core.jdbc.ForwardingPreparedStatement}, {@link io.dbopt.core.jdbc.ForwardingCallableStatement},
 * {@link io.dbopt.core.jdbc.ForwardingResultSet}, {@link io.dbopt.core.jdbc.ForwardingDatabaseMetaData}) that every
 * dbopt wrapper extends, overriding only the calls it adds behaviour to.
 */
package io.dbopt.core.jdbc;
