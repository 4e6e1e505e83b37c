/**
 * dbopt's query module: {@link io.dbopt.query.QueryOptimizer} (the entry point) and
 * {@link io.dbopt.query.QueryProfiler#wrap(javax.sql.DataSource)}, a profiling data source that records every
 * statement (fingerprints, durations with percentiles, rows, errors, sampled call sites), logs slow ones with values
 * masked, finds N+1 patterns within transactions and {@link io.dbopt.query.ProfilerScope scopes}, reads the server's
 * own statement statistics ({@link io.dbopt.query.ServerQueries}) and contributes the doctor's "Queries" section.
 * Plans, rewrites, the result cache, metrics and test assertions live in the subpackages.
 */
package io.dbopt.query;
