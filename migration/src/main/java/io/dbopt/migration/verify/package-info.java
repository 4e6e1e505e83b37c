/**
 * Verification after migrations: schema against an expectation, data fingerprints, orphaned rows and NOT VALID
 * constraints ({@link io.dbopt.migration.verify.MigrationVerification}).
 */
package io.dbopt.migration.verify;
