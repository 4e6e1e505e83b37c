/**
 * Catalog snapshots that several modules read in one unit of work and share instead of each reading the server's
 * catalog again: {@link io.dbopt.core.catalog.SchemaTables}, MariaDB's {@code information_schema.TABLES} of one
 * database.
 */
package io.dbopt.core.catalog;
