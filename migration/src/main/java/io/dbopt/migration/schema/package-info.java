/**
 * Schema snapshots read from the catalogs ({@link io.dbopt.migration.schema.SchemaReader}), their differences
 * ({@link io.dbopt.migration.schema.SchemaDiff}) and the DDL that applies them
 * ({@link io.dbopt.migration.schema.MigrationGenerator}).
 */
package io.dbopt.migration.schema;
