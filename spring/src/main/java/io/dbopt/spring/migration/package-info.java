/**
 * Migrations on startup: dbopt's lint over the scripts, dbopt's migration framework in place of Spring Boot's Flyway
 * auto-configuration when the application chooses it (or when that auto-configuration cannot work with the Flyway on
 * the class path).
 */
package io.dbopt.spring.migration;
