/**
 * The SQL dbopt writes for indexes: online creation ({@code CREATE INDEX CONCURRENTLY}, {@code ALTER TABLE ... ADD
 * INDEX ..., ALGORITHM=INPLACE, LOCK=NONE}), drops, MariaDB's {@code IGNORED} toggle, HypoPG statements, and index
 * names that fit the server's identifier limit without colliding.
 */
package io.dbopt.index.ddl;
