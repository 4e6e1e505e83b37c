/**
 * dbopt's query module, the API a user touches: {@link io.dbopt.query.QueryOptimizer} (the component, created from a
 * configuration or a data source, with a transaction scope, {@code metrics()} and {@code healthCheck()}) and
 * {@link io.dbopt.query.QueryProfiler#wrap(javax.sql.DataSource)}, a profiling data source that records every
 * statement (fingerprints, durations with percentiles, rows, errors, sampled call sites), logs slow ones with values
 * masked, finds N+1 patterns within transactions and {@link io.dbopt.query.ProfilerScope scopes}; the server's own
 * statement statistics ({@link io.dbopt.query.ServerQueries}); settings ({@link io.dbopt.query.QueryKeys}) and meter
 * names ({@link io.dbopt.query.QueryMeters}). The JDBC wrappers ({@code jdbc}), the recording engine
 * ({@code recording}), plans ({@code plan}), rewrites ({@code rewrite}), the result cache ({@code cache}), SQL
 * analysis ({@code sql}), the doctor section ({@code doctor}) and test assertions ({@code assertions}) live in
 * subpackages.
 */
package io.dbopt.query;
