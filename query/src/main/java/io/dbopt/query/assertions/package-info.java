/**
 * AssertJ assertions over a {@link io.dbopt.query.ProfilerScope}'s statements, for applications' own tests
 * ({@link io.dbopt.query.assertions.QueryAssertions}). AssertJ is an optional dependency: add it to the test class
 * path to use this package.
 */
package io.dbopt.query.assertions;
