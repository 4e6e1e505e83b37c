/**
 * The profiler's recording engine: SQL resolved to shapes and per-fingerprint statistics
 * ({@link io.dbopt.query.recording.Recorder}), scopes and transactions for N+1 detection, sampled call sites, the slow
 * query log, and what was recorded as the profiler's API shows it ({@link io.dbopt.query.recording.Recordings}).
 * Fed by the JDBC wrappers of {@code io.dbopt.query.jdbc}; read by {@link io.dbopt.query.QueryProfiler}.
 */
package io.dbopt.query.recording;
