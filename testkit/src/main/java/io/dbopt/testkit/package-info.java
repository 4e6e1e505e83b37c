/**
 * Real PostgreSQL and MariaDB for tests: {@link io.dbopt.testkit.TestDatabases} finds a server per dialect and
 * creates throwaway databases; {@link io.dbopt.testkit.DbTest} and {@link io.dbopt.testkit.DialectTest} wire them
 * into JUnit 5; {@link io.dbopt.testkit.DedicatedServer} gives a test a server of its own to stop and restart.
 */
package io.dbopt.testkit;
