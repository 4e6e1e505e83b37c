/**
 * What differs between PostgreSQL and MariaDB: applying options and tenants, reading transaction state and commit
 * outcomes, reading lock views, and masking literals in SQL text the server reports.
 */
package io.dbopt.transaction.server;
