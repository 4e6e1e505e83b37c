/**
 * The server's side of a pool: {@link io.dbopt.pool.server.ServerMonitor} reads, over a connection of its own and on
 * a thread of its own, which sessions the server attributes to the application and how many it allows
 * ({@link io.dbopt.pool.server.ServerView}, catalog queries in {@code io/dbopt/pool/sql/<dialect>/}); it also probes a
 * server that went away and wakes the pool when it answers again. Used by reconciliation, adaptive sizing and the
 * doctor.
 */
package io.dbopt.pool.server;
