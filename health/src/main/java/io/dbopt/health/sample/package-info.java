/**
 * Reading the server's cumulative counters ({@link io.dbopt.health.sample.ServerCounters}) and session counts
 * ({@link io.dbopt.health.sample.SessionCounts}) under shared names on both servers, and the windows between two
 * readings that turn counters into rates ({@link io.dbopt.health.sample.CounterWindow}).
 */
package io.dbopt.health.sample;
