/**
 * Post-migration data validation: rules declared in code, repeatable sampling of large tables, reports
 * ({@link io.dbopt.migration.data.DataValidation}).
 */
package io.dbopt.migration.data;
