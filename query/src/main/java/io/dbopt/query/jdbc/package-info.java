/**
 * The profiler's JDBC wrappers: a {@link io.dbopt.query.jdbc.ProfiledConnection} and its statements, prepared and
 * callable statements and result sets, which report executions, completions and failures to the recording engine
 * ({@link io.dbopt.query.recording.Recorder}). They hold behaviour only (timing, binding capture, transaction
 * tracking); every call they do not watch is forwarded by core's forwarding layer ({@code io.dbopt.core.jdbc}).
 * Users reach them through {@link io.dbopt.query.ProfiledDataSource}.
 */
package io.dbopt.query.jdbc;
